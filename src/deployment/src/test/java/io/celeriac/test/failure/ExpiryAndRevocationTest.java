package io.celeriac.test.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.celeriac.AsyncResult;
import io.celeriac.Celeriac;
import io.celeriac.TaskOptions;
import io.celeriac.TaskRevokedException;
import io.celeriac.TaskState;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.QuarkusUnitTest;

class ExpiryAndRevocationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(LimitedTasks.class))
            .overrideConfigKey("celeriac.worker.enabled", "true")
            .overrideConfigKey("celeriac.worker.concurrency", "2");

    @Inject
    Celeriac celeriac;

    @Inject
    RedisDataSource redis;

    private Long runs(AsyncResult<?> result) {
        return redis.value(Long.class).get("runs:" + result.id());
    }

    @Test
    void expiredTaskIsNotRunAndRevokedWithReasonExpired() {
        AsyncResult<Long> late = celeriac.send("quick", TaskOptions.defaults().countdown(Duration.ofSeconds(1))
                .expires(Instant.now().plusMillis(200))).as(Long.class);
        TaskRevokedException revoked = assertThrows(TaskRevokedException.class, () -> late.get(WAIT));
        assertEquals("expired", revoked.reason());
        assertEquals(TaskState.REVOKED, late.state());
        assertNull(runs(late));
    }

    @Test
    void revokedDelayedTaskNeverRuns() {
        AsyncResult<Long> delayed = celeriac.send("quick", TaskOptions.defaults().countdown(Duration.ofSeconds(1)))
                .as(Long.class);
        celeriac.revoke(delayed.id());
        TaskRevokedException revoked = assertThrows(TaskRevokedException.class, () -> delayed.get(WAIT));
        assertEquals("revoked", revoked.reason());
        assertNull(runs(delayed));
    }

    @Test
    void revokedQueuedTaskNeverRuns() throws Exception {
        // Two long tasks take both slots, so the next one waits in the queue.
        AsyncResult<Object> a = celeriac.send("long-running");
        AsyncResult<Object> b = celeriac.send("long-running");
        awaitState(a, TaskState.STARTED);
        awaitState(b, TaskState.STARTED);
        AsyncResult<Long> queued = celeriac.send("quick").as(Long.class);
        celeriac.revoke(queued.id());
        celeriac.revoke(a.id(), true);
        celeriac.revoke(b.id(), true);
        assertThrows(TaskRevokedException.class, () -> queued.get(WAIT));
        assertNull(runs(queued));
    }

    @Test
    void terminateInterruptsARunningTask() throws Exception {
        AsyncResult<Object> running = celeriac.send("long-running");
        awaitState(running, TaskState.STARTED);
        celeriac.revoke(running.id(), true);
        TaskRevokedException revoked = assertThrows(TaskRevokedException.class, () -> running.get(WAIT));
        assertEquals("terminated", revoked.reason());
        assertEquals(1L, runs(running));
        // Its slot is free: two more tasks can run side by side with nothing else.
        assertEquals(1L, celeriac.send("quick").as(Long.class).get(WAIT));
    }

    @Test
    void revocationsAreKeptInRedisWithAnExpiry() {
        celeriac.revoke("some-task-id");
        Double expiry = redis.sortedSet(String.class).zscore("celeriac:revoked", "some-task-id").orElseThrow();
        long inOneDay = System.currentTimeMillis() + Duration.ofDays(1).toMillis();
        assertEquals(inOneDay, expiry.longValue(), Duration.ofMinutes(1).toMillis());
    }

    private static void awaitState(AsyncResult<?> result, TaskState state) throws InterruptedException {
        for (int i = 0; i < 500 && result.state() != state; i++) {
            Thread.sleep(20);
        }
        assertEquals(state, result.state());
    }
}
