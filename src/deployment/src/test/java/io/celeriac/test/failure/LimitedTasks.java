package io.celeriac.test.failure;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import io.celeriac.Task;
import io.celeriac.TaskContext;
import io.quarkus.redis.datasource.RedisDataSource;

/** Tasks that outlive their time limits, and one that waits to be revoked. */
public class LimitedTasks {

    static final CountDownLatch abandonedThreadEnded = new CountDownLatch(1);

    @Inject
    RedisDataSource redis;

    /** Sleeps past its soft limit, notices it, and cleans up. */
    @Task(name = "soft-limited", softTimeLimit = "300ms", maxRetries = 0)
    public String softLimited(TaskContext context) {
        try {
            Thread.sleep(30_000);
            return "slept";
        } catch (InterruptedException e) {
            return context.isSoftTimeLimitExceeded() ? "cleaned up after soft limit" : "interrupted otherwise";
        }
    }

    /** Ignores interruption and spins past its hard limit. */
    @Task(name = "hard-limited", timeLimit = "500ms", maxRetries = 0)
    public String hardLimited() {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
        abandonedThreadEnded.countDown();
        return "finished too late";
    }

    /** No limit of its own: the global default applies. */
    @Task(name = "default-limited", maxRetries = 0)
    public String defaultLimited() throws InterruptedException {
        Thread.sleep(30_000);
        return "slept";
    }

    /** Runs until interrupted; counts runs. */
    @Task(name = "long-running")
    public String longRunning(TaskContext context) throws InterruptedException {
        redis.value(Long.class).incr("runs:" + context.id());
        Thread.sleep(60_000);
        return "done";
    }

    @Task(name = "quick")
    public long quick(TaskContext context) {
        return redis.value(Long.class).incr("runs:" + context.id());
    }
}
