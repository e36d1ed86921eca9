package io.celeriac.test.beat;

import jakarta.inject.Inject;

import io.celeriac.Periodic;
import io.celeriac.Task;
import io.celeriac.TaskContext;
import io.quarkus.redis.datasource.RedisDataSource;

public class PeriodicTasks {

    @Inject
    RedisDataSource redis;

    /** Records the tick it was emitted for. */
    @Task(name = "beat.record")
    @Periodic(every = "1s", args = "[\"hello\"]")
    public void record(String greeting, TaskContext context) {
        redis.list(String.class).rpush("beat:ran", greeting + "@" + context.header("celeriac-beat-tick").orElse("?"));
    }

    @Task(name = "beat.hourly")
    @Periodic(name = "hourly-report", cron = "0 0 * * * ?", timeZone = "Europe/Paris")
    public void hourly() {
    }
}
