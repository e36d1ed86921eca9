package io.celeriac.producer;

import com.fasterxml.jackson.databind.JavaType;

/**
 * A method of a {@link io.celeriac.TaskClient} interface, described at build time.
 *
 * @param task the task it sends
 * @param queue its queue, or {@code null} to let the task's own or the default queue apply
 * @param resultType the type its result is read as
 * @param optionsIndex the index of its {@link io.celeriac.TaskOptions} parameter, or -1
 * @param method the interface method, for messages
 */
public record ClientMethod(String task, String queue, JavaType resultType, int optionsIndex, String method) {
}
