package io.celeriac.registry;

import com.fasterxml.jackson.databind.JavaType;

/**
 * A parameter of a task method.
 *
 * @param name its name, for keyword arguments
 * @param type its declared type, for binding JSON
 * @param context whether it receives the {@link io.celeriac.TaskContext} instead of an argument
 */
public record TaskParameter(String name, JavaType type, boolean context) {
}
