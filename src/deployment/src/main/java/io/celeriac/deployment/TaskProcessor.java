package io.celeriac.deployment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.Type;

import io.celeriac.registry.TaskTable;
import io.celeriac.runtime.CeleriacRecorder;
import io.quarkus.arc.deployment.AutoAddScopeBuildItem;
import io.quarkus.arc.deployment.BeanContainerBuildItem;
import io.quarkus.arc.deployment.InvokerFactoryBuildItem;
import io.quarkus.arc.deployment.UnremovableBeanBuildItem;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem.ValidationErrorBuildItem;
import io.quarkus.arc.processor.AnnotationStore;
import io.quarkus.arc.processor.BeanInfo;
import io.quarkus.arc.processor.BuildExtension;
import io.quarkus.arc.processor.BuiltinScope;
import io.quarkus.deployment.GeneratedClassGizmoAdaptor;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.GeneratedClassBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveHierarchyBuildItem;
import io.quarkus.deployment.recording.RecorderContext;
import io.quarkus.runtime.RuntimeValue;

/**
 * Finds the {@code @Task} methods, checks them, generates an invoker for each and the table the runtime reads
 * them from. Every problem is reported at once, each naming its method and bean.
 */
class TaskProcessor {

    @BuildStep
    AutoAddScopeBuildItem autoAddScope() {
        // A class with @Task methods but no scope becomes a @Singleton bean, as the scheduler does for @Scheduled.
        return AutoAddScopeBuildItem.builder().containsAnnotations(DotNames.TASK)
                .defaultScope(BuiltinScope.SINGLETON.getName()).unremovable().reason("Found @Task methods").build();
    }

    @BuildStep
    UnremovableBeanBuildItem keepTaskBeans() {
        // Nothing injects a task bean; the worker reaches it through its invoker, so ArC must not remove it.
        return UnremovableBeanBuildItem.beanClassAnnotation(DotNames.TASK);
    }

    @BuildStep
    void discoverTasks(ValidationPhaseBuildItem validationPhase, InvokerFactoryBuildItem invokerFactory,
            CombinedIndexBuildItem index, BuildProducer<TaskMethodBuildItem> tasks,
            BuildProducer<ValidationErrorBuildItem> errors) {
        AnnotationStore annotations = validationPhase.getContext().get(BuildExtension.Key.ANNOTATION_STORE);
        TaskDeclarationRules rules = new TaskDeclarationRules(new JsonTypeCheck(index.getIndex()));
        List<Throwable> problems = new ArrayList<>();
        Map<String, TaskDeclaration> byName = new LinkedHashMap<>();
        Set<MethodInfo> onBeans = new HashSet<>();
        List<BeanInfo> beans = validationPhase.getContext().beans().classBeans().stream()
                .sorted(Comparator.comparing(bean -> bean.getBeanClass().toString())).toList();
        for (BeanInfo bean : beans) {
            for (MethodInfo method : bean.getTarget().get().asClass().methods()) {
                AnnotationInstance task = annotations.getAnnotation(method, DotNames.TASK);
                if (task == null || method.isSynthetic()) {
                    continue;
                }
                onBeans.add(method);
                TaskDeclaration declaration = TaskDeclaration.of(method, task);
                List<String> broken = new ArrayList<>(rules.check(declaration));
                TaskDeclaration twin = byName.putIfAbsent(declaration.name(), declaration);
                if (twin != null) {
                    broken.add("duplicate task name '" + declaration.name() + "', also declared by "
                            + twin.methodDescription() + "; give one of them another @Task(name)");
                }
                if (broken.isEmpty()) {
                    tasks.produce(new TaskMethodBuildItem(declaration, bean,
                            invokerFactory.createInvoker(bean, method).withInstanceLookup().build()));
                } else {
                    for (String problem : broken) {
                        problems.add(new IllegalStateException(String.format("%s [method: %s, bean: %s]", problem,
                                declaration.methodDescription(), bean.getBeanClass())));
                    }
                }
            }
        }
        for (AnnotationInstance task : index.getIndex().getAnnotations(DotNames.TASK)) {
            if (task.target().kind() == AnnotationTarget.Kind.METHOD && !onBeans.contains(task.target().asMethod())) {
                MethodInfo method = task.target().asMethod();
                problems.add(new IllegalStateException(String.format("@Task method is not on a CDI bean class;"
                        + " declare it on a concrete class (interfaces and abstract classes cannot run tasks, and"
                        + " @TaskClient interfaces use @TaskName) [method: %s, bean: none]",
                        TaskDeclaration.describe(method))));
            }
        }
        for (AnnotationInstance periodic : index.getIndex().getAnnotations(DotNames.PERIODIC)) {
            MethodInfo method = periodic.target().asMethod();
            if (!method.hasAnnotation(DotNames.TASK)) {
                problems.add(new IllegalStateException(String.format("@Periodic needs @Task on the same method"
                        + " [method: %s, bean: %s]", TaskDeclaration.describe(method), method.declaringClass().name())));
            }
        }
        if (!problems.isEmpty()) {
            errors.produce(new ValidationErrorBuildItem(problems));
        }
    }

    @BuildStep
    @Record(ExecutionTime.STATIC_INIT)
    void generateTaskTable(List<TaskMethodBuildItem> tasks, CeleriacRecorder recorder,
            BeanContainerBuildItem beanContainer, RecorderContext recorderContext,
            BuildProducer<GeneratedClassBuildItem> generatedClasses) {
        List<TaskMethodBuildItem> sorted = tasks.stream()
                .sorted(Comparator.comparing(task -> task.declaration().name())).toList();
        TaskTableGenerator.generate(new GeneratedClassGizmoAdaptor(generatedClasses, true), sorted);
        @SuppressWarnings("unchecked")
        RuntimeValue<TaskTable> table = (RuntimeValue<TaskTable>) (RuntimeValue<?>) recorderContext
                .newInstance(TaskTableGenerator.CLASS_NAME);
        recorder.initTaskRegistry(beanContainer.getValue(), table);
    }

    @BuildStep
    void registerTypesForReflection(List<TaskMethodBuildItem> tasks,
            BuildProducer<ReflectiveHierarchyBuildItem> reflectiveHierarchy) {
        // Jackson reads arguments and writes results of these types: a native image must keep their members.
        for (TaskMethodBuildItem task : tasks) {
            MethodInfo method = task.method();
            for (Type type : method.parameterTypes()) {
                if (!type.name().equals(DotNames.TASK_CONTEXT)) {
                    registerJsonType(type, task, reflectiveHierarchy);
                }
            }
            Type returnType = method.returnType();
            if (returnType.kind() == Type.Kind.PARAMETERIZED_TYPE
                    && (returnType.name().equals(DotNames.UNI) || returnType.name().equals(DotNames.COMPLETION_STAGE))) {
                returnType = returnType.asParameterizedType().arguments().get(0);
            }
            if (returnType.kind() != Type.Kind.VOID) {
                registerJsonType(returnType, task, reflectiveHierarchy);
            }
        }
    }

    private static void registerJsonType(Type type, TaskMethodBuildItem task,
            BuildProducer<ReflectiveHierarchyBuildItem> reflectiveHierarchy) {
        if (type.kind() == Type.Kind.PRIMITIVE || type.name().equals(DotNames.VOID)) {
            return;
        }
        reflectiveHierarchy.produce(ReflectiveHierarchyBuildItem.builder(type)
                .source("@Task " + task.declaration().methodDescription()).build());
    }
}
