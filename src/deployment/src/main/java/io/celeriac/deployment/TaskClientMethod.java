package io.celeriac.deployment;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.Type;

/**
 * A method of a {@code @TaskClient} interface: which task it sends to which queue, and what it returns.
 *
 * @param method the interface method
 * @param task the task name ({@code @TaskName}, else the method name)
 * @param queue the queue ({@code @TaskName(queue)}, else {@code @TaskClient(queue)}), or empty
 * @param kind what the method returns
 * @param resultType the type the task's result is read as, or {@code null} for void methods
 * @param optionsIndex the position of its {@code TaskOptions} parameter, or -1
 */
record TaskClientMethod(MethodInfo method, String task, String queue, Kind kind, Type resultType, int optionsIndex) {

    /** Return kinds of client methods. */
    enum Kind {
        ASYNC_RESULT,
        UNI,
        COMPLETION_STAGE,
        VOID,
        /** Not a supported return type; the build reports it. */
        UNSUPPORTED
    }

    static TaskClientMethod of(ClassInfo client, MethodInfo method) {
        AnnotationInstance taskName = method.annotation(DotNames.TASK_NAME);
        String task = taskName == null ? method.name() : taskName.value().asString();
        String queue = value(taskName, "queue");
        if (queue.isEmpty()) {
            queue = value(client.declaredAnnotation(DotNames.TASK_CLIENT), "queue");
        }
        Type returnType = method.returnType();
        Kind kind;
        Type resultType = null;
        if (returnType.kind() == Type.Kind.VOID) {
            kind = Kind.VOID;
        } else if (returnType.kind() == Type.Kind.PARAMETERIZED_TYPE) {
            resultType = returnType.asParameterizedType().arguments().get(0);
            kind = returnType.name().equals(DotNames.ASYNC_RESULT) ? Kind.ASYNC_RESULT
                    : returnType.name().equals(DotNames.UNI) ? Kind.UNI
                            : returnType.name().equals(DotNames.COMPLETION_STAGE) ? Kind.COMPLETION_STAGE
                                    : Kind.UNSUPPORTED;
        } else {
            kind = Kind.UNSUPPORTED;
        }
        int optionsIndex = -1;
        for (int i = 0; i < method.parametersCount(); i++) {
            if (method.parameterType(i).name().equals(DotNames.TASK_OPTIONS)) {
                optionsIndex = i;
                break;
            }
        }
        return new TaskClientMethod(method, task, queue, kind, resultType, optionsIndex);
    }

    String description() {
        return TaskDeclaration.describe(method);
    }

    private static String value(AnnotationInstance annotation, String name) {
        if (annotation == null) {
            return "";
        }
        AnnotationValue value = annotation.value(name);
        return value == null ? "" : value.asString().trim();
    }
}
