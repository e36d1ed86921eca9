package io.celeriac.registry;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;

/**
 * Builds Jackson {@link JavaType}s from class literals. Code generated at build time calls these to describe the
 * parameter and result types of tasks and clients, so that no type is looked up by name at run time.
 */
public final class JavaTypes {

    private JavaTypes() {
    }

    /** A non-generic type, or a primitive. */
    public static JavaType simple(Class<?> type) {
        return TypeFactory.defaultInstance().constructType(type);
    }

    /** A parameterized type such as {@code Map<String, List<Point>>}. */
    public static JavaType parametric(Class<?> raw, JavaType[] arguments) {
        return TypeFactory.defaultInstance().constructParametricType(raw, arguments);
    }

    /** An array type. */
    public static JavaType array(JavaType component) {
        return TypeFactory.defaultInstance().constructArrayType(component);
    }
}
