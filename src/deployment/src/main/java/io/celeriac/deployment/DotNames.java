package io.celeriac.deployment;

import java.util.concurrent.CompletionStage;

import org.jboss.jandex.DotName;

import io.celeriac.AsyncResult;
import io.celeriac.Periodic;
import io.celeriac.Task;
import io.celeriac.TaskClient;
import io.celeriac.TaskContext;
import io.celeriac.TaskName;
import io.celeriac.TaskOptions;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Names of the types the build looks for. */
final class DotNames {

    static final DotName TASK = DotName.createSimple(Task.class);
    static final DotName PERIODIC = DotName.createSimple(Periodic.class);
    static final DotName TASK_CLIENT = DotName.createSimple(TaskClient.class);
    static final DotName TASK_NAME = DotName.createSimple(TaskName.class);
    static final DotName TASK_CONTEXT = DotName.createSimple(TaskContext.class);
    static final DotName TASK_OPTIONS = DotName.createSimple(TaskOptions.class);
    static final DotName ASYNC_RESULT = DotName.createSimple(AsyncResult.class);
    static final DotName UNI = DotName.createSimple(Uni.class);
    static final DotName MULTI = DotName.createSimple(Multi.class);
    static final DotName COMPLETION_STAGE = DotName.createSimple(CompletionStage.class);
    static final DotName OBJECT = DotName.createSimple(Object.class);
    static final DotName VOID = DotName.createSimple(Void.class);

    private DotNames() {
    }
}
