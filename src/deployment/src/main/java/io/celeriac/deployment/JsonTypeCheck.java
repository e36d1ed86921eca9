package io.celeriac.deployment;

import java.lang.reflect.Modifier;
import java.util.Optional;
import java.util.Set;

import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.Type;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Tells whether Jackson can read a declared type from JSON without type names in the data: no {@code Object},
 * no wildcards or type variables, no raw generic types, no abstract types it cannot instantiate (unless they carry
 * Jackson's polymorphic-type annotations).
 */
final class JsonTypeCheck {

    /** Abstract JDK types Jackson maps to concrete ones by itself. */
    private static final Set<String> JACKSON_DEFAULTS = Set.of(
            "java.util.Collection", "java.util.List", "java.util.Set", "java.util.SortedSet",
            "java.util.NavigableSet", "java.util.Queue", "java.util.Deque", "java.util.Map", "java.util.SortedMap",
            "java.util.NavigableMap", "java.lang.Number", "java.lang.CharSequence",
            "com.fasterxml.jackson.databind.JsonNode");

    private static final DotName JSON_TYPE_INFO = DotName.createSimple("com.fasterxml.jackson.annotation.JsonTypeInfo");
    private static final DotName JSON_DESERIALIZE = DotName
            .createSimple("com.fasterxml.jackson.databind.annotation.JsonDeserialize");

    private final IndexView index;

    JsonTypeCheck(IndexView index) {
        this.index = index;
    }

    /** Why {@code type} cannot be read from JSON, or empty when it can. */
    Optional<String> problem(Type type) {
        return switch (type.kind()) {
            case PRIMITIVE -> Optional.empty();
            case VOID -> Optional.of("void is not a value");
            case ARRAY -> problem(type.asArrayType().component());
            case WILDCARD_TYPE -> Optional.of("the wildcard type '" + type
                    + "' cannot be read from JSON; declare a concrete type");
            case TYPE_VARIABLE, UNRESOLVED_TYPE_VARIABLE, TYPE_VARIABLE_REFERENCE -> Optional.of("the type variable '"
                    + type + "' cannot be read from JSON; declare a concrete type");
            case CLASS -> classProblem(type.name(), false);
            case PARAMETERIZED_TYPE -> {
                Optional<String> raw = classProblem(type.name(), true);
                if (raw.isPresent()) {
                    yield raw;
                }
                for (Type argument : type.asParameterizedType().arguments()) {
                    Optional<String> nested = problem(argument);
                    if (nested.isPresent()) {
                        yield nested;
                    }
                }
                yield Optional.empty();
            }
        };
    }

    private Optional<String> classProblem(DotName name, boolean parameterized) {
        String className = name.toString();
        if (className.equals("java.lang.Object")) {
            return Optional.of("'Object' gives Jackson no type to read the JSON as; declare a concrete type");
        }
        Shape shape = shape(className);
        if (shape == null) {
            return Optional.empty();
        }
        if (!parameterized && shape.generic) {
            return Optional.of("the raw type '" + className + "' cannot be read safely from JSON; declare its type"
                    + " arguments (e.g. " + simpleName(className) + "<String>)");
        }
        if (shape.isAbstract && !JACKSON_DEFAULTS.contains(className) && !shape.polymorphic) {
            return Optional.of("'" + className + "' is " + (shape.isInterface ? "an interface" : "abstract")
                    + ", which Jackson cannot create from JSON; declare a concrete type"
                    + " (or annotate it with @JsonTypeInfo)");
        }
        return Optional.empty();
    }

    private record Shape(boolean isAbstract, boolean isInterface, boolean generic, boolean polymorphic) {
    }

    private Shape shape(String className) {
        ClassInfo info = index.getClassByName(DotName.createSimple(className));
        if (info != null) {
            return new Shape(Modifier.isAbstract(info.flags()) || info.isInterface(), info.isInterface(),
                    !info.typeParameters().isEmpty(),
                    info.hasDeclaredAnnotation(JSON_TYPE_INFO) || info.hasDeclaredAnnotation(JSON_DESERIALIZE));
        }
        try {
            // JDK and library types outside the index: inspect them at build time.
            Class<?> type = Class.forName(className, false, Thread.currentThread().getContextClassLoader());
            return new Shape(Modifier.isAbstract(type.getModifiers()) || type.isInterface(), type.isInterface(),
                    type.getTypeParameters().length > 0,
                    type.isAnnotationPresent(JsonTypeInfo.class));
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
