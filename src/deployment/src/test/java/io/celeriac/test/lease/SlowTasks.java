package io.celeriac.test.lease;

import jakarta.inject.Inject;

import io.celeriac.Task;
import io.celeriac.TaskContext;
import io.quarkus.redis.datasource.RedisDataSource;

public class SlowTasks {

    @Inject
    RedisDataSource redis;

    /** Counts its executions per task id in Redis, then sleeps. */
    @Task(name = "slow")
    public long slow(long millis, TaskContext context) throws InterruptedException {
        long executions = redis.value(Long.class).incr("executions:" + context.id());
        Thread.sleep(millis);
        return executions;
    }

    /** As {@code slow}, for callers that want no result. */
    @Task(name = "slow.unwatched", ignoreResult = true)
    public long slowUnwatched(long millis, TaskContext context) throws InterruptedException {
        return slow(millis, context);
    }
}
