package io.celeriac.test.celery;

import java.util.concurrent.CompletionStage;

import io.celeriac.AsyncResult;
import io.celeriac.TaskClient;
import io.celeriac.TaskName;
import io.celeriac.TaskOptions;
import io.smallrye.mutiny.Uni;

/** Tasks of the Python Celery application, called from Java. */
@TaskClient(queue = "python")
public interface PythonTasks {

    record Greeting(String text, String lang) {
    }

    @TaskName("py.multiply")
    AsyncResult<Integer> multiply(int a, int b);

    @TaskName("py.multiply")
    AsyncResult<Integer> multiplyLater(TaskOptions options, int a, int b);

    @TaskName("py.greet")
    Uni<Greeting> greet(TaskOptions options, String name);

    @TaskName("py.fail")
    CompletionStage<Object> fail(String message);
}
