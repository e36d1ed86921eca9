package io.celeriac.deployment;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.Type;

import io.quarkus.arc.deployment.GeneratedBeanBuildItem;
import io.quarkus.arc.deployment.GeneratedBeanGizmoAdaptor;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem.ValidationErrorBuildItem;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveHierarchyBuildItem;

/**
 * Implements every {@code @TaskClient} interface with a generated bean, and reports the methods that cannot be
 * implemented.
 */
class TaskClientProcessor {

    @BuildStep
    void generateClients(CombinedIndexBuildItem index, BuildProducer<GeneratedBeanBuildItem> generatedBeans,
            BuildProducer<ReflectiveHierarchyBuildItem> reflectiveHierarchy) {
        GeneratedBeanGizmoAdaptor output = new GeneratedBeanGizmoAdaptor(generatedBeans);
        for (ClassInfo client : clients(index)) {
            if (!client.isInterface()) {
                continue; // reported by validateClients
            }
            List<TaskClientMethod> methods = methods(client);
            TaskClientGenerator.generate(output, client, methods);
            for (TaskClientMethod method : methods) {
                Type result = method.resultType();
                if (result != null && result.kind() != Type.Kind.PRIMITIVE
                        && !result.name().equals(DotNames.OBJECT) && !result.name().equals(DotNames.VOID)) {
                    reflectiveHierarchy.produce(ReflectiveHierarchyBuildItem.builder(result)
                            .source("@TaskClient " + method.description()).build());
                }
            }
        }
    }

    @BuildStep
    void validateClients(ValidationPhaseBuildItem validationPhase, CombinedIndexBuildItem index,
            BuildProducer<ValidationErrorBuildItem> errors) {
        JsonTypeCheck types = new JsonTypeCheck(index.getIndex());
        List<Throwable> problems = new ArrayList<>();
        for (ClassInfo client : clients(index)) {
            if (!client.isInterface()) {
                problems.add(new IllegalStateException("@TaskClient must annotate an interface, not a class [bean: "
                        + client.name() + "]"));
                continue;
            }
            for (TaskClientMethod method : methods(client)) {
                for (String problem : problems(method, types)) {
                    problems.add(new IllegalStateException(String.format("%s [method: %s, bean: %s]", problem,
                            method.description(), client.name())));
                }
            }
        }
        if (!problems.isEmpty()) {
            errors.produce(new ValidationErrorBuildItem(problems));
        }
    }

    private static List<String> problems(TaskClientMethod method, JsonTypeCheck types) {
        List<String> problems = new ArrayList<>();
        if (method.task().isBlank()) {
            problems.add("@TaskName must name a task");
        }
        if (method.queue().indexOf('{') >= 0 || method.queue().indexOf('}') >= 0) {
            problems.add("queue '" + method.queue() + "' must not contain braces (they delimit Redis hash tags)");
        }
        switch (method.kind()) {
            case UNSUPPORTED -> problems.add("@TaskClient method must return AsyncResult<T>, Uni<T>,"
                    + " CompletionStage<T> or void, not " + method.method().returnType());
            case VOID -> {
            }
            default -> {
                Type result = method.resultType();
                boolean free = result.name().equals(DotNames.OBJECT) || result.name().equals(DotNames.VOID);
                if (!free) {
                    types.problem(result).ifPresent(p -> problems.add("result type: " + p));
                }
            }
        }
        long options = method.method().parameterTypes().stream()
                .filter(t -> t.name().equals(DotNames.TASK_OPTIONS)).count();
        if (options > 1) {
            problems.add("@TaskClient method declares more than one TaskOptions parameter");
        }
        return problems;
    }

    private static List<ClassInfo> clients(CombinedIndexBuildItem index) {
        List<ClassInfo> clients = new ArrayList<>();
        for (AnnotationInstance annotation : index.getIndex().getAnnotations(DotNames.TASK_CLIENT)) {
            if (annotation.target().kind() == AnnotationTarget.Kind.CLASS) {
                clients.add(annotation.target().asClass());
            }
        }
        clients.sort(Comparator.comparing(c -> c.name().toString()));
        return clients;
    }

    /** The abstract methods of a client interface, in declaration order. */
    private static List<TaskClientMethod> methods(ClassInfo client) {
        List<TaskClientMethod> methods = new ArrayList<>();
        for (MethodInfo method : client.methods()) {
            if (Modifier.isStatic(method.flags()) || !Modifier.isAbstract(method.flags()) || method.isSynthetic()) {
                continue;
            }
            methods.add(TaskClientMethod.of(client, method));
        }
        return methods;
    }
}
