package io.celeriac.deployment;

import org.jboss.jandex.MethodInfo;

import io.quarkus.arc.processor.BeanInfo;
import io.quarkus.arc.processor.InvokerInfo;
import io.quarkus.builder.item.MultiBuildItem;

/** A valid {@code @Task} method, with the invoker generated for it. */
public final class TaskMethodBuildItem extends MultiBuildItem {

    private final TaskDeclaration declaration;
    private final BeanInfo bean;
    private final InvokerInfo invoker;

    TaskMethodBuildItem(TaskDeclaration declaration, BeanInfo bean, InvokerInfo invoker) {
        this.declaration = declaration;
        this.bean = bean;
        this.invoker = invoker;
    }

    public TaskDeclaration declaration() {
        return declaration;
    }

    public MethodInfo method() {
        return declaration.method();
    }

    public BeanInfo bean() {
        return bean;
    }

    public InvokerInfo invoker() {
        return invoker;
    }
}
