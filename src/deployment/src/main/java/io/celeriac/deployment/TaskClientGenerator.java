package io.celeriac.deployment;

import java.lang.reflect.Modifier;
import java.util.List;
import java.util.concurrent.CompletionStage;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.Type;

import com.fasterxml.jackson.databind.JavaType;

import io.celeriac.AsyncResult;
import io.celeriac.producer.ClientMethod;
import io.celeriac.producer.TaskClientSupport;
import io.quarkus.gizmo.ClassCreator;
import io.quarkus.gizmo.ClassOutput;
import io.quarkus.gizmo.FieldDescriptor;
import io.quarkus.gizmo.MethodCreator;
import io.quarkus.gizmo.MethodDescriptor;
import io.quarkus.gizmo.ResultHandle;
import io.smallrye.mutiny.Uni;

/**
 * Generates the bean that implements a {@code @TaskClient} interface: {@code <Interface>_CeleriacClient}, a
 * {@code @Singleton} in the interface's package whose methods pack their arguments and hand them to
 * {@link TaskClientSupport} with a {@link ClientMethod} built once from constants.
 */
final class TaskClientGenerator {

    static final String SUFFIX = "_CeleriacClient";

    private TaskClientGenerator() {
    }

    static String implementationName(ClassInfo client) {
        return client.name().toString() + SUFFIX;
    }

    static void generate(ClassOutput output, ClassInfo client, List<TaskClientMethod> methods) {
        String className = implementationName(client);
        try (ClassCreator bean = ClassCreator.builder().classOutput(output).className(className)
                .interfaces(client.name().toString()).build()) {
            bean.addAnnotation(Singleton.class);
            FieldDescriptor support = bean.getFieldCreator("support", TaskClientSupport.class)
                    .setModifiers(Modifier.PRIVATE | Modifier.FINAL).getFieldDescriptor();

            MethodCreator constructor = bean.getMethodCreator("<init>", void.class, TaskClientSupport.class);
            constructor.addAnnotation(Inject.class);
            constructor.invokeSpecialMethod(MethodDescriptor.ofConstructor(Object.class), constructor.getThis());
            constructor.writeInstanceField(support, constructor.getThis(), constructor.getMethodParam(0));
            constructor.returnValue(null);

            MethodCreator staticInit = bean.getMethodCreator("<clinit>", void.class).setModifiers(Modifier.STATIC);
            int index = 0;
            for (TaskClientMethod method : methods) {
                FieldDescriptor descriptor = bean.getFieldCreator("M" + index++, ClientMethod.class)
                        .setModifiers(Modifier.PRIVATE | Modifier.STATIC | Modifier.FINAL).getFieldDescriptor();
                staticInit.writeStaticField(descriptor, describe(staticInit, method));
                implement(bean, method, support, descriptor);
            }
            staticInit.returnValue(null);
        }
    }

    private static ResultHandle describe(MethodCreator m, TaskClientMethod method) {
        ResultHandle resultType = method.resultType() == null ? m.loadNull()
                : TaskTableGenerator.javaType(m, method.resultType());
        return m.newInstance(MethodDescriptor.ofConstructor(ClientMethod.class, String.class, String.class,
                JavaType.class, int.class, String.class),
                m.load(method.task()),
                method.queue().isEmpty() ? m.loadNull() : m.load(method.queue()),
                resultType,
                m.load(method.optionsIndex()),
                m.load(method.description()));
    }

    private static void implement(ClassCreator bean, TaskClientMethod client, FieldDescriptor support,
            FieldDescriptor descriptor) {
        MethodInfo method = client.method();
        MethodCreator m = bean.getMethodCreator(MethodDescriptor.of(method));
        ResultHandle arguments = m.newArray(Object.class, method.parametersCount());
        for (int i = 0; i < method.parametersCount(); i++) {
            m.writeArrayValue(arguments, i, boxed(m, method.parameterType(i), m.getMethodParam(i)));
        }
        ResultHandle target = m.readInstanceField(support, m.getThis());
        ResultHandle described = m.readStaticField(descriptor);
        switch (client.kind()) {
            case ASYNC_RESULT -> m.returnValue(m.invokeVirtualMethod(supportMethod("asyncResult",
                    AsyncResult.class), target, described, arguments));
            case UNI -> m.returnValue(m.invokeVirtualMethod(supportMethod("uni", Uni.class),
                    target, described, arguments));
            case COMPLETION_STAGE -> m.returnValue(m.invokeVirtualMethod(supportMethod("completionStage",
                    CompletionStage.class), target, described, arguments));
            case VOID -> {
                m.invokeVirtualMethod(supportMethod("fireAndForget", void.class), target, described, arguments);
                m.returnValue(null);
            }
            case UNSUPPORTED -> m.throwException(IllegalStateException.class, "Unsupported @TaskClient method "
                    + client.description());
        }
    }

    private static ResultHandle boxed(MethodCreator m, Type type, ResultHandle value) {
        if (type.kind() != Type.Kind.PRIMITIVE) {
            return value;
        }
        Class<?> wrapper = switch (type.asPrimitiveType().primitive()) {
            case BOOLEAN -> Boolean.class;
            case BYTE -> Byte.class;
            case CHAR -> Character.class;
            case SHORT -> Short.class;
            case INT -> Integer.class;
            case LONG -> Long.class;
            case FLOAT -> Float.class;
            case DOUBLE -> Double.class;
        };
        return m.smartCast(value, wrapper);
    }

    private static MethodDescriptor supportMethod(String name, Class<?> returnType) {
        return MethodDescriptor.ofMethod(TaskClientSupport.class, name, returnType, ClientMethod.class,
                Object[].class);
    }
}
