package io.celeriac.test.failure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

import jakarta.inject.Inject;

import io.celeriac.Task;
import io.celeriac.TaskContext;
import io.quarkus.redis.datasource.RedisDataSource;

/** Tasks that fail in controlled ways; every run is counted in Redis under {@code runs:<task id>}. */
public class FlakyTasks {

    @Inject
    RedisDataSource redis;

    long run(TaskContext context) {
        return redis.value(Long.class).incr("runs:" + context.id());
    }

    /** Fails until its {@code failures}-th retry, then returns the run count. */
    @Task(name = "flaky", maxRetries = 3, retryBackoff = "100ms", retryBackoffMax = "200ms")
    public long flaky(int failures, TaskContext context) {
        long run = run(context);
        if (run <= failures) {
            throw new UncheckedIOException(new IOException("flaky failure " + run));
        }
        return run;
    }

    /** Retries with a long backoff, so that a test sees it waiting in RETRY state. */
    @Task(name = "slow-retry", maxRetries = 1, retryBackoff = "2s", retryBackoffMax = "2s")
    public long slowRetry(TaskContext context) {
        long run = run(context);
        if (run == 1) {
            throw new IllegalStateException("first run fails");
        }
        return run;
    }

    /** Retried only on I/O errors. */
    @Task(name = "selective", maxRetries = 3, retryBackoff = "50ms", retryOn = UncheckedIOException.class)
    public long selective(String error, TaskContext context) {
        run(context);
        throw "io".equals(error) ? new UncheckedIOException(new IOException("io")) : new IllegalStateException(error);
    }

    /** Retried on everything but IllegalArgumentException. */
    @Task(name = "never-on-bad-input", maxRetries = 2, retryBackoff = "50ms", noRetryOn = IllegalArgumentException.class)
    public long neverOnBadInput(String error, TaskContext context) {
        run(context);
        throw "bad".equals(error) ? new IllegalArgumentException("bad input") : new IllegalStateException(error);
    }

    /** Asks for its own retry, with a countdown, until its third run. */
    @Task(name = "explicit-retry", maxRetries = 5)
    public String explicitRetry(TaskContext context) {
        long run = run(context);
        if (run < 3) {
            throw context.retry(Duration.ofMillis(300), "not ready yet (run " + run + ")");
        }
        return "ready after " + context.retries() + " retries";
    }

    /** Always fails; one retry. */
    @Task(name = "doomed", maxRetries = 1, retryBackoff = "50ms")
    public void doomed(String why, TaskContext context) {
        run(context);
        throw new IllegalStateException(why);
    }

    /** Succeeds, counting runs: what a requeued dead letter runs once fixed. */
    @Task(name = "counted")
    public long counted(TaskContext context) {
        return run(context);
    }
}
