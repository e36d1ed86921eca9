package io.celeriac.test.lease;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.celeriac.AsyncResult;
import io.celeriac.Celeriac;
import io.celeriac.TaskOptions;
import io.celeriac.test.TestQueues;
import io.celeriac.worker.Worker;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A message a live worker holds without knowing (a fetch or blocking read whose reply was lost with its connection)
 * is adopted and run by that worker itself, long before its lease could make it look abandoned.
 */
class OrphanAdoptionTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(SlowTasks.class, TestQueues.class))
            .overrideConfigKey("celeriac.worker.enabled", "true")
            // Long enough that recovery (entries idle for a lease, or a dead worker's lease) cannot be what runs it;
            // the worker checks its own bookkeeping every half lease.
            .overrideConfigKey("celeriac.worker.lease-duration", "12s");

    @Inject
    Celeriac celeriac;

    @Inject
    RedisDataSource redis;

    @Inject
    Worker worker;

    @Test
    void aMessageThisWorkerHoldsWithoutKnowingIsAdoptedAndRunOnce() {
        // Make a real message without letting this worker run it: send it to a queue no one consumes, take it out.
        AsyncResult<Object> stranded = celeriac.send("slow", TaskOptions.defaults().queue("parked"), 10L);
        String message = TestQueues.take(redis, "parked");
        TestQueues.heldUnknowingly(redis, "default", worker.identity().consumerId(), message);

        assertEquals(1L, stranded.as(Long.class).get(Duration.ofSeconds(60)));
        assertEquals(1L, redis.value(Long.class).get("executions:" + stranded.id()));
        // Adopted, not recovered: recovery would have counted a redelivery.
        assertNull(redis.hash(Long.class).hget("celeriac:{default}:redeliveries", stranded.id()));
    }
}
