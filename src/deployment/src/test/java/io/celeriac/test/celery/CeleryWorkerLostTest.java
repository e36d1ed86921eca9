package io.celeriac.test.celery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.celeriac.AsyncResult;
import io.celeriac.Celeriac;
import io.celeriac.DeadLetter;
import io.celeriac.DeadLetters;
import io.celeriac.TaskFailedException;
import io.celeriac.TaskOptions;
import io.celeriac.test.CapturedLog;
import io.celeriac.test.TestQueues;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.QuarkusUnitTest;

/**
 * On a Celery-compatible queue, a message left unacknowledged by dead workers more than {@code max-redeliveries}
 * times is dead-lettered when restored, and its task ends as FAILURE with Celery's {@code WorkerLostError}, which
 * the waiting caller gets at once. Needs no Python: the dead worker is kombu's bookkeeping of an unacked message.
 */
class CeleryWorkerLostTest {

    private static final int MAX_REDELIVERIES = 2;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(CompatTasks.class, CompatTasks.Description.class,
                    TestQueues.class, CapturedLog.class))
            .overrideConfigKey("celeriac.worker.enabled", "true")
            .overrideConfigKey("celeriac.worker.queues", "celery")
            .overrideConfigKey("celeriac.worker.lease-duration", "1s")
            .overrideConfigKey("celeriac.worker.max-redeliveries", Integer.toString(MAX_REDELIVERIES))
            .overrideConfigKey("celeriac.queues.celery.transport", "celery")
            .overrideConfigKey("celeriac.queues.parked.transport", "celery");

    @Inject
    Celeriac celeriac;

    @Inject
    DeadLetters deadLetters;

    @Inject
    RedisDataSource redis;

    /** What the worker's queue maintenance, which recovers leases, logs; it must name each lost task. */
    CapturedLog maintenanceLog;

    @BeforeEach
    void captureMaintenanceLog() {
        maintenanceLog = CapturedLog.of("io.celeriac.worker.QueueMaintenance");
    }

    @AfterEach
    void stopCapturing() {
        maintenanceLog.close();
    }

    @Test
    void aTaskWhoseWorkersKeptDyingFailsAtOnceWithTheReasonAndIsDeadLettered() throws Exception {
        AsyncResult<Object> doomed = celeriac.send("compat.add", TaskOptions.defaults().queue("parked"), 2, 3);
        String message = redis.list(String.class).rpop("parked");
        TestQueues.recoveredBefore(redis, "celery", doomed.id(), MAX_REDELIVERIES);
        TestQueues.heldByDeadCeleryWorker(redis, "celery", message);

        // Without a recorded FAILURE the wait would end in TaskTimeoutException, not this.
        TaskFailedException error = assertThrows(TaskFailedException.class, () -> doomed.get(WAIT));
        assertEquals("celery.exceptions.WorkerLostError", error.remoteType());
        assertEquals("task compat.add[" + doomed.id() + "] was delivered " + (MAX_REDELIVERIES + 1)
                + " times and each time its worker died before settling it; moved to the dead-letter store of queue"
                + " celery", error.remoteMessage());

        DeadLetter letter = deadLetters.list("celery", 0, 10).stream().filter(l -> doomed.id().equals(l.taskId()))
                .findFirst().orElseThrow(() -> new AssertionError("no dead letter: " + deadLetters.list("celery", 0,
                        10)));
        assertEquals("compat.add", letter.task());
        assertNull(letter.worker(), "kombu's bookkeeping does not say which worker held it");
        assertEquals(0, redis.hash(String.class).hlen("unacked"), "nothing left unacknowledged");
        maintenanceLog.assertError("compat.add[" + doomed.id() + "]");
    }
}
