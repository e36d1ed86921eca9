package io.celeriac.deployment;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.invoke.Invoker;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.DotName;
import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.Type;

import com.fasterxml.jackson.databind.JavaType;

import io.celeriac.registry.JavaTypes;
import io.celeriac.registry.ResultKind;
import io.celeriac.registry.TaskDefinition;
import io.celeriac.registry.TaskTable;
import io.quarkus.gizmo.BytecodeCreator;
import io.quarkus.gizmo.ClassCreator;
import io.quarkus.gizmo.ClassOutput;
import io.quarkus.gizmo.MethodCreator;
import io.quarkus.gizmo.MethodDescriptor;
import io.quarkus.gizmo.ResultHandle;

/**
 * Generates {@code io.celeriac.generated.CeleriacTaskTable}: one method per task that builds its
 * {@link TaskDefinition} from constants and class literals (no reflection, no class lookup by name), and
 * {@code tasks()} returning them all, sorted by name so that the output is stable.
 */
final class TaskTableGenerator {

    static final String CLASS_NAME = "io.celeriac.generated.CeleriacTaskTable";

    private static final MethodDescriptor BUILDER = MethodDescriptor.ofMethod(TaskDefinition.class, "builder",
            TaskDefinition.Builder.class, String.class);
    private static final MethodDescriptor BUILD = MethodDescriptor.ofMethod(TaskDefinition.Builder.class, "build",
            TaskDefinition.class);
    private static final MethodDescriptor LIST_ADD = MethodDescriptor.ofMethod(List.class, "add", boolean.class,
            Object.class);
    private static final MethodDescriptor SIMPLE = MethodDescriptor.ofMethod(JavaTypes.class, "simple", JavaType.class,
            Class.class);
    private static final MethodDescriptor PARAMETRIC = MethodDescriptor.ofMethod(JavaTypes.class, "parametric",
            JavaType.class, Class.class, JavaType[].class);
    private static final MethodDescriptor ARRAY = MethodDescriptor.ofMethod(JavaTypes.class, "array", JavaType.class,
            JavaType.class);

    private TaskTableGenerator() {
    }

    static void generate(ClassOutput output, List<TaskMethodBuildItem> tasks) {
        try (ClassCreator table = ClassCreator.builder().classOutput(output).className(CLASS_NAME)
                .interfaces(TaskTable.class).build()) {
            MethodCreator all = table.getMethodCreator("tasks", List.class);
            ResultHandle list = all.newInstance(MethodDescriptor.ofConstructor(ArrayList.class));
            int index = 0;
            for (TaskMethodBuildItem task : tasks) {
                MethodDescriptor one = generateTask(table, "task" + index++, task);
                all.invokeInterfaceMethod(LIST_ADD, list, all.invokeVirtualMethod(one, all.getThis()));
            }
            all.returnValue(list);
        }
    }

    private static MethodDescriptor generateTask(ClassCreator table, String methodName, TaskMethodBuildItem task) {
        MethodCreator m = table.getMethodCreator(methodName, TaskDefinition.class);
        TaskDeclaration declaration = task.declaration();
        MethodInfo method = task.method();
        ResultHandle b = m.invokeStaticMethod(BUILDER, m.load(declaration.name()));
        b = call(m, b, "queue", String.class, m.load(declaration.queue()));
        b = call(m, b, "method", String.class, m.load(declaration.methodDescription()));
        b = m.invokeVirtualMethod(MethodDescriptor.ofMethod(TaskDefinition.Builder.class, "invoker",
                TaskDefinition.Builder.class, Invoker.class), b,
                m.newInstance(MethodDescriptor.ofConstructor(task.invoker().getClassName())));
        for (int i = 0; i < method.parametersCount(); i++) {
            Type type = method.parameterType(i);
            ResultHandle name = m.load(TaskDeclarationRules.parameterName(method, i));
            if (type.name().equals(DotNames.TASK_CONTEXT)) {
                b = call(m, b, "contextParameter", String.class, name);
            } else {
                b = m.invokeVirtualMethod(MethodDescriptor.ofMethod(TaskDefinition.Builder.class, "parameter",
                        TaskDefinition.Builder.class, String.class, JavaType.class), b, name, javaType(m, type));
            }
        }
        Type returnType = method.returnType();
        ResultKind kind = resultKind(returnType);
        Type value = kind == ResultKind.UNI || kind == ResultKind.COMPLETION_STAGE
                ? returnType.asParameterizedType().arguments().get(0)
                : returnType;
        ResultHandle valueType = kind == ResultKind.VOID || value.name().equals(DotNames.VOID) ? m.loadNull()
                : javaType(m, value);
        b = m.invokeVirtualMethod(MethodDescriptor.ofMethod(TaskDefinition.Builder.class, "result",
                TaskDefinition.Builder.class, JavaType.class, String.class), b, valueType, m.load(kind.name()));
        b = m.invokeVirtualMethod(MethodDescriptor.ofMethod(TaskDefinition.Builder.class, "ignoreResult",
                TaskDefinition.Builder.class, boolean.class), b, m.load(declaration.bool("ignoreResult")));
        b = m.invokeVirtualMethod(MethodDescriptor.ofMethod(TaskDefinition.Builder.class, "maxRetries",
                TaskDefinition.Builder.class, int.class), b, m.load(declaration.integer("maxRetries", -1)));
        for (String attribute : List.of("retryBackoff", "retryBackoffMax", "softTimeLimit", "timeLimit")) {
            b = call(m, b, attribute, String.class, m.load(declaration.string(attribute)));
        }
        for (Type type : declaration.classes("retryOn")) {
            b = call(m, b, "retryOn", Class.class, m.loadClass(type.name().toString()));
        }
        for (Type type : declaration.classes("noRetryOn")) {
            b = call(m, b, "noRetryOn", Class.class, m.loadClass(type.name().toString()));
        }
        AnnotationInstance periodic = method.annotation(DotNames.PERIODIC);
        if (periodic != null) {
            ResultHandle[] values = new ResultHandle[7];
            String[] attributes = { "name", "every", "cron", "timeZone", "args", "kwargs", "queue" };
            for (int i = 0; i < attributes.length; i++) {
                values[i] = m.load(TaskDeclaration.string(periodic, attributes[i], defaultOf(attributes[i])));
            }
            b = m.invokeVirtualMethod(MethodDescriptor.ofMethod(TaskDefinition.Builder.class, "periodic",
                    TaskDefinition.Builder.class, String.class, String.class, String.class, String.class,
                    String.class, String.class, String.class), b, values);
        }
        m.returnValue(m.invokeVirtualMethod(BUILD, b));
        return m.getMethodDescriptor();
    }

    static String defaultOf(String periodicAttribute) {
        return switch (periodicAttribute) {
            case "args" -> "[]";
            case "kwargs" -> "{}";
            default -> "";
        };
    }

    private static ResultHandle call(MethodCreator m, ResultHandle builder, String name, Class<?> parameter,
            ResultHandle argument) {
        return m.invokeVirtualMethod(MethodDescriptor.ofMethod(TaskDefinition.Builder.class, name,
                TaskDefinition.Builder.class, parameter), builder, argument);
    }

    static ResultKind resultKind(Type returnType) {
        if (returnType.kind() == Type.Kind.VOID) {
            return ResultKind.VOID;
        }
        DotName raw = returnType.name();
        if (raw.equals(DotNames.UNI)) {
            return ResultKind.UNI;
        }
        if (raw.equals(DotNames.COMPLETION_STAGE)) {
            return ResultKind.COMPLETION_STAGE;
        }
        return ResultKind.VALUE;
    }

    /** Emits code building the Jackson {@link JavaType} of {@code type} from class literals. */
    static ResultHandle javaType(BytecodeCreator m, Type type) {
        switch (type.kind()) {
            case PRIMITIVE:
                return m.invokeStaticMethod(SIMPLE, m.loadClass(type.asPrimitiveType().name().toString()));
            case ARRAY:
                return m.invokeStaticMethod(ARRAY, javaType(m, type.asArrayType().component()));
            case PARAMETERIZED_TYPE:
                List<Type> arguments = type.asParameterizedType().arguments();
                ResultHandle array = m.newArray(JavaType.class, arguments.size());
                for (int i = 0; i < arguments.size(); i++) {
                    m.writeArrayValue(array, i, javaType(m, arguments.get(i)));
                }
                return m.invokeStaticMethod(PARAMETRIC, m.loadClass(type.name().toString()), array);
            default:
                return m.invokeStaticMethod(SIMPLE, m.loadClass(type.name().toString()));
        }
    }
}
