package org.acme.quickstart;

import io.celeriac.AsyncResult;
import io.celeriac.TaskClient;
import io.celeriac.TaskName;
import io.smallrye.mutiny.Uni;

/** The typed way to send the example's tasks; Celeriac implements it at build time. */
@TaskClient
public interface QuickstartClient {

    @TaskName("quickstart.add")
    AsyncResult<Integer> add(int a, int b);

    @TaskName("quickstart.word-count")
    Uni<QuickstartTasks.WordCount> wordCount(String text);

    @TaskName("quickstart.slow")
    AsyncResult<String> slow(String label, long millis);

    @TaskName("quickstart.fail")
    AsyncResult<Integer> fail(String reason);
}
