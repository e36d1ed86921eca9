package io.celeriac.test.lease;

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
import io.celeriac.TaskState;
import io.celeriac.test.CapturedLog;
import io.celeriac.test.TestQueues;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A message whose workers all died running it (kill -9, out of memory) is dead-lettered by lease recovery once it
 * has been delivered more than {@code max-redeliveries} times, and its task ends as FAILURE with Celery's
 * {@code WorkerLostError}: whoever waits for it learns why at once instead of at their own timeout.
 */
class WorkerLostTest {

    private static final int MAX_REDELIVERIES = 2;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(SlowTasks.class, TestQueues.class, CapturedLog.class))
            .overrideConfigKey("celeriac.worker.enabled", "true")
            .overrideConfigKey("celeriac.worker.lease-duration", "1s")
            .overrideConfigKey("celeriac.worker.max-redeliveries", Integer.toString(MAX_REDELIVERIES));

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
        AsyncResult<Object> doomed = heldByDeadWorkerAtTheLimit("slow", TaskOptions.defaults(), 10L);

        // Without a recorded FAILURE the wait would end in TaskTimeoutException, not this.
        TaskFailedException error = assertThrows(TaskFailedException.class, () -> doomed.get(WAIT));
        assertEquals("celery.exceptions.WorkerLostError", error.remoteType());
        String expected = "task slow[" + doomed.id() + "] was delivered " + (MAX_REDELIVERIES + 1)
                + " times and each time its worker died before settling it; moved to the dead-letter store of queue"
                + " default";
        assertEquals(expected, error.remoteMessage());
        assertEquals(TaskState.FAILURE, doomed.state());
        assertTrue(doomed.info().orElseThrow().worker().startsWith("celeriac@"), "recorded by the recovering worker");

        DeadLetter letter = deadLetterOf(doomed.id());
        assertEquals("slow", letter.task());
        assertTrue(letter.reason().startsWith("worker lost"), letter.reason());
        assertEquals(TestQueues.DEAD_CONSUMER, letter.worker(), "names the consumer that held it last");
        assertNull(redis.value(Long.class).get("executions:" + doomed.id()), "never run again");
        maintenanceLog.assertError("slow[" + doomed.id() + "]");
    }

    @Test
    void aTaskThisWorkerDoesNotKnowFailsAsWell() throws Exception {
        // The worker that recovers the message need not have the task: the caller must still learn of the loss.
        AsyncResult<Object> doomed = heldByDeadWorkerAtTheLimit("elsewhere.only", TaskOptions.defaults());

        TaskFailedException error = assertThrows(TaskFailedException.class, () -> doomed.get(WAIT));
        assertEquals("celery.exceptions.WorkerLostError", error.remoteType(), "not run here as an unknown task");
        assertTrue(error.remoteMessage().startsWith("task elsewhere.only[" + doomed.id() + "] was delivered "
                + (MAX_REDELIVERIES + 1) + " times"), error.remoteMessage());
        assertEquals("elsewhere.only", deadLetterOf(doomed.id()).task());
        maintenanceLog.assertError("elsewhere.only[" + doomed.id() + "]");
    }

    @Test
    void noResultIsRecordedForATaskWhoseResultIsIgnored() throws Exception {
        // One message says so itself; the other's task says so in this worker, though its message wants a result.
        AsyncResult<Object> saysTheMessage = heldByDeadWorkerAtTheLimit("slow",
                TaskOptions.defaults().ignoreResult(true), 10L);
        AsyncResult<Object> saysTheTask = heldByDeadWorkerAtTheLimit("slow.unwatched",
                TaskOptions.defaults().ignoreResult(false), 10L);
        AsyncResult<Object> watched = heldByDeadWorkerAtTheLimit("slow", TaskOptions.defaults(), 10L);

        assertThrows(TaskFailedException.class, () -> watched.get(WAIT));
        deadLetterOf(saysTheMessage.id());
        deadLetterOf(saysTheTask.id());
        Thread.sleep(1000); // FAILURE is written right after the dead letter: it would be there by now
        assertTrue(saysTheMessage.info().isEmpty(), "no result: " + saysTheMessage.info());
        assertTrue(saysTheTask.info().isEmpty(), "no result: " + saysTheTask.info());
        maintenanceLog.assertError("slow[" + saysTheMessage.id() + "]");
        maintenanceLog.assertError("slow.unwatched[" + saysTheTask.id() + "]");
    }

    /**
     * Sends a task as a producer would, then makes its message look held by a dead worker after it had already been
     * recovered {@code max-redeliveries} times: the next recovery dead-letters it.
     */
    private AsyncResult<Object> heldByDeadWorkerAtTheLimit(String task, TaskOptions options, Object... args) {
        AsyncResult<Object> result = celeriac.send(task, options.queue("parked"), args);
        String message = TestQueues.take(redis, "parked");
        TestQueues.recoveredBefore(redis, "default", result.id(), MAX_REDELIVERIES);
        TestQueues.heldByDeadWorker(redis, "default", message);
        return result;
    }

    private DeadLetter deadLetterOf(String taskId) {
        for (int i = 0; i < 500; i++) {
            List<DeadLetter> letters = deadLetters.list("default", 0, 100);
            for (DeadLetter letter : letters) {
                if (taskId.equals(letter.taskId())) {
                    return letter;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("no dead letter for " + taskId + " in " + deadLetters.list("default", 0, 100));
    }
}
