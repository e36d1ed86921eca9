package io.celeriac.deployment;

import java.util.List;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.Type;

/**
 * What a {@code @Task} annotation on a method declares, with the defaults applied.
 *
 * @param method the annotated method
 * @param name the task name
 * @param queue the declared queue, or empty for the default one
 * @param annotation the annotation, for the remaining attributes
 */
public record TaskDeclaration(MethodInfo method, String name, String queue, AnnotationInstance annotation) {

    static TaskDeclaration of(MethodInfo method, AnnotationInstance annotation) {
        String name = string(annotation, "name");
        if (name.isEmpty()) {
            name = method.declaringClass().name().toString() + "." + method.name();
        }
        return new TaskDeclaration(method, name, string(annotation, "queue"), annotation);
    }

    /** {@code org.acme.Tasks#add()}, the form errors and logs name methods by. */
    String methodDescription() {
        return describe(method);
    }

    static String describe(MethodInfo method) {
        // Parameter types too: overloads share a name, and the message must point at one method.
        StringBuilder text = new StringBuilder().append(method.declaringClass().name()).append('#')
                .append(method.name()).append('(');
        for (int i = 0; i < method.parametersCount(); i++) {
            text.append(i == 0 ? "" : ", ").append(method.parameterType(i));
        }
        return text.append(')').toString();
    }

    String string(String attribute) {
        return string(annotation, attribute);
    }

    boolean bool(String attribute) {
        AnnotationValue value = annotation.value(attribute);
        return value != null && value.asBoolean();
    }

    int integer(String attribute, int defaultValue) {
        AnnotationValue value = annotation.value(attribute);
        return value == null ? defaultValue : value.asInt();
    }

    List<Type> classes(String attribute) {
        AnnotationValue value = annotation.value(attribute);
        return value == null ? List.of() : List.of(value.asClassArray());
    }

    static String string(AnnotationInstance annotation, String attribute, String defaultValue) {
        AnnotationValue value = annotation.value(attribute);
        return value == null ? defaultValue : value.asString().trim();
    }

    private static String string(AnnotationInstance annotation, String attribute) {
        AnnotationValue value = annotation.value(attribute);
        return value == null ? "" : value.asString().trim();
    }
}
