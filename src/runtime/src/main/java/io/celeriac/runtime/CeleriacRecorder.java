package io.celeriac.runtime;

import io.celeriac.registry.TaskRegistry;
import io.celeriac.registry.TaskTable;
import io.quarkus.arc.runtime.BeanContainer;
import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.annotations.Recorder;

/** Hands what the build decided to the running application. */
@Recorder
public class CeleriacRecorder {

    /** Fills the task registry from the table generated at build time. */
    public void initTaskRegistry(BeanContainer container, RuntimeValue<TaskTable> table) {
        container.beanInstance(TaskRegistry.class).init(table.getValue());
    }
}
