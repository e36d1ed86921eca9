package io.celeriac.test.delivery;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.celeriac.Task;
import io.celeriac.TaskContext;
import io.quarkus.redis.datasource.RedisDataSource;

/** Tasks that leave a trace in Redis of when and how often they ran. */
@ApplicationScoped
public class RecordingTasks {

    static volatile CountDownLatch gate = new CountDownLatch(1);

    @Inject
    RedisDataSource redis;

    /** Appends its label to the list {@code order}, so tests see the order tasks ran in. */
    @Task(name = "record")
    public void record(String label) {
        redis.list(String.class).rpush("order", label);
    }

    /** Counts its executions per task id. */
    @Task(name = "count")
    public long count(TaskContext context) {
        return redis.value(Long.class).incr("executions:" + context.id());
    }

    @Task(name = "hold")
    public boolean hold() throws InterruptedException {
        return gate.await(60, TimeUnit.SECONDS);
    }
}
