package io.celeriac.test.lease;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.celeriac.AsyncResult;
import io.celeriac.Celeriac;
import io.celeriac.TaskOptions;
import io.celeriac.test.TestQueues;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Leases: a live worker keeps its long tasks (they run once, however long); the in-flight messages of a worker
 * whose lease expired (it died) go back to the queue and run.
 */
class LeaseTest {

    private static final String PREFIX = "celeriac:{default}:";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(SlowTasks.class, TestQueues.class))
            .overrideConfigKey("celeriac.worker.enabled", "true")
            .overrideConfigKey("celeriac.worker.lease-duration", "1s");

    @Inject
    Celeriac celeriac;

    @Inject
    RedisDataSource redis;

    @Test
    void aTaskRunningFarLongerThanTheLeaseRunsExactlyOnce() {
        AsyncResult<Long> slow = celeriac.send("slow", 6000L).as(Long.class);
        assertEquals(1L, slow.get(Duration.ofSeconds(30)));
        assertEquals(1L, redis.value(Long.class).get("executions:" + slow.id()));
    }

    @Test
    void messagesHeldByADeadWorkerAreRecoveredAndRun() {
        // Make a real message without letting this worker run it: send it to a queue no one consumes, take it out.
        AsyncResult<Object> orphan = celeriac.send("slow", TaskOptions.defaults().queue("parked"), 10L);
        String message = TestQueues.take(redis, "parked");

        TestQueues.heldByDeadWorker(redis, "default", message);

        assertEquals(1L, orphan.as(Long.class).get(Duration.ofSeconds(30)));
        if (!TestQueues.streams()) {
            assertTrue(redis.key().keys(PREFIX + "inflight:ghost*").isEmpty(), "the dead worker's hash is gone");
            assertTrue(redis.sortedSet(String.class).zscore(PREFIX + "consumers", "ghost@nowhere:1:dead").isEmpty());
        }
    }
}
