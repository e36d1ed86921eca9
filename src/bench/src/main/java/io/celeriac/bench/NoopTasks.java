package io.celeriac.bench;

import io.celeriac.Task;

/** Tasks that do nothing, so that what is measured is the framework. */
public class NoopTasks {

    @Task(name = "bench.noop")
    public int noop(int i) {
        return i;
    }

    @Task(name = "bench.noop-quiet", ignoreResult = true)
    public void noopQuiet(int i) {
    }
}
