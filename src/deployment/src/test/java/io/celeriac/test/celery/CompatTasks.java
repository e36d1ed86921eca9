package io.celeriac.test.celery;

import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import io.celeriac.Task;
import io.quarkus.redis.datasource.RedisDataSource;

/** Java tasks that Python Celery clients call. */
public class CompatTasks {

    public record Description(String name, int tagCount, String lang) {
    }

    @Inject
    RedisDataSource redis;

    @Task(name = "compat.add")
    public int add(int a, int b) {
        return a + b;
    }

    @Task(name = "compat.describe")
    public Description describe(String name, List<String> tags) {
        return new Description(name, tags.size(), "java");
    }

    @Task(name = "compat.now")
    public String now() {
        return Instant.now().toString();
    }

    @Task(name = "compat.fail", maxRetries = 0)
    public int fail(String message) {
        throw new IllegalArgumentException(message);
    }

    /** Also defined in Python: whichever worker takes it counts the execution. */
    @Task(name = "shared.work", queue = "shared")
    public int sharedWork(int n) throws InterruptedException {
        redis.value(Long.class).incr("shared:executions:" + n);
        redis.list(String.class).rpush("shared:by", "java");
        Thread.sleep(50);
        return n;
    }
}
