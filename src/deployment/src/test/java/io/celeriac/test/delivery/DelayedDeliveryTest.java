package io.celeriac.test.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.celeriac.AsyncResult;
import io.celeriac.Celeriac;
import io.celeriac.TaskCall;
import io.celeriac.TaskOptions;
import io.celeriac.TaskState;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.QuarkusUnitTest;

/** countdown and ETA: the message waits in Redis's delayed set, not in the worker, and runs once when due. */
class DelayedDeliveryTest {

    private static final String DELAYED = "celeriac:{default}:delayed";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(RecordingTasks.class))
            .overrideConfigKey("celeriac.worker.enabled", "true");

    @Inject
    Celeriac celeriac;

    @Inject
    RedisDataSource redis;

    @Test
    void countdownWaitsInTheDelayedSetThenRunsOnce() {
        Instant sent = Instant.now();
        AsyncResult<Long> counted = celeriac.send("count", TaskOptions.defaults().countdown(Duration.ofSeconds(2)))
                .as(Long.class);
        assertTrue(redis.sortedSet(String.class).zcard(DELAYED) >= 1, "waiting in " + DELAYED);
        assertEquals(TaskState.PENDING, counted.state());
        assertEquals(1L, counted.get(Duration.ofSeconds(20)));
        Instant done = counted.info().orElseThrow().dateDone();
        assertFalse(done.isBefore(sent.plusSeconds(2).minusMillis(1000)), "ran at " + done + ", sent at " + sent);
    }

    @Test
    void etaRunsAtItsTime() {
        Instant eta = Instant.now().plusSeconds(2);
        AsyncResult<Long> counted = celeriac.send("count", TaskOptions.defaults().eta(eta)).as(Long.class);
        assertEquals(1L, counted.get(Duration.ofSeconds(20)));
        Instant done = counted.info().orElseThrow().dateDone();
        assertFalse(done.isBefore(eta.minusMillis(1000)), "ran at " + done + ", ETA " + eta);
    }

    @Test
    void manyDelayedTasksRunExactlyOnceEach() {
        List<TaskCall> calls = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            calls.add(celeriac.call("count").countdown(Duration.ofMillis(200 + 10L * (i % 50))));
        }
        List<AsyncResult<Object>> results = celeriac.sendAll(calls);
        for (AsyncResult<Object> result : results) {
            result.as(Long.class).get(Duration.ofSeconds(30));
        }
        for (AsyncResult<Object> result : results) {
            assertEquals(1L, redis.value(Long.class).get("executions:" + result.id()), result.id());
        }
        assertEquals(0, redis.sortedSet(String.class).zcard(DELAYED));
    }
}
