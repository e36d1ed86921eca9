package io.celeriac.test.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.celeriac.AsyncResult;
import io.celeriac.Celeriac;
import io.celeriac.Task;
import io.celeriac.TaskState;
import io.celeriac.Workers;
import io.celeriac.test.TestQueues;
import io.celeriac.worker.Worker;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A paused worker holds no message of the paused queue, neither one its blocking read (begun before the pause) took
 * nor those it prefetched to run after a busy slot: they go back to the queue for other workers. Resumed, the worker
 * runs them.
 */
class PauseTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(EchoTask.class, TestQueues.class))
            .overrideConfigKey("celeriac.worker.enabled", "true")
            // A long blocking read: the one in progress when the pause arrives is still waiting when the task is sent.
            .overrideConfigKey("celeriac.worker.block-time", "3s")
            // One slot, so that messages fetched beyond it wait in memory (prefetch multiplier 4: three of them).
            .overrideConfigKey("celeriac.worker.concurrency", "1");

    @ApplicationScoped
    public static class EchoTask {
        static final CountDownLatch GATE = new CountDownLatch(1);

        @Task(name = "echo")
        public String echo(String text) {
            return text;
        }

        @Task(name = "gate")
        public String gate() throws InterruptedException {
            GATE.await();
            return "opened";
        }
    }

    @Inject
    Celeriac celeriac;

    @Inject
    Workers workers;

    @Inject
    Worker worker;

    @Inject
    RedisDataSource redis;

    @Test
    void aPausedWorkerHandsBackWhatItsBlockingReadTookAndRunsItOnceResumed() throws Exception {
        assertEquals("warm", celeriac.send("echo", "warm").get(Duration.ofSeconds(20)));
        workers.pause("default", worker.identity().name());
        // The command reaches the worker over pub/sub within moments; its blocking read, begun before, goes on.
        Thread.sleep(300);

        AsyncResult<Object> sent = celeriac.send("echo", "later");
        awaitTrue(() -> TestQueues.waiting(redis, "default") == 1 && TestQueues.inFlight(redis, "default") == 0,
                "the message back in the queue, none held");
        Thread.sleep(500);
        assertEquals(TaskState.PENDING, sent.state(), "not run while paused");
        assertEquals(0, TestQueues.inFlight(redis, "default"));

        workers.resume("default", worker.identity().name());
        assertEquals("later", sent.get(Duration.ofSeconds(20)));
    }

    @Test
    void aPausedWorkerHandsBackPrefetchedMessagesItHasNotStarted() throws Exception {
        // Short tasks first: only then does the worker hold messages beyond its free slot.
        for (int i = 0; i < 3; i++) {
            assertEquals("warm", celeriac.send("echo", "warm").get(Duration.ofSeconds(20)));
        }
        AsyncResult<Object> gate = celeriac.send("gate");
        List<AsyncResult<Object>> behind = new ArrayList<>();
        try {
            awaitTrue(() -> gate.state() == TaskState.STARTED, "the gate task running");
            for (int i = 0; i < 3; i++) {
                behind.add(celeriac.send("echo", "behind-" + i));
            }
            awaitTrue(() -> TestQueues.waiting(redis, "default") == 0 && TestQueues.inFlight(redis, "default") == 4,
                    "the three messages held behind the running gate task");

            workers.pause("default", worker.identity().name());
            awaitTrue(() -> TestQueues.waiting(redis, "default") == 3 && TestQueues.inFlight(redis, "default") == 1,
                    "the three back in the queue, only the running task held");
        } finally {
            EchoTask.GATE.countDown();
        }
        assertEquals("opened", gate.get(Duration.ofSeconds(20)));
        Thread.sleep(500);
        for (AsyncResult<Object> result : behind) {
            assertEquals(TaskState.PENDING, result.state(), "not run while paused");
        }

        workers.resume("default", worker.identity().name());
        for (int i = 0; i < 3; i++) {
            assertEquals("behind-" + i, behind.get(i).get(Duration.ofSeconds(20)));
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        for (int i = 0; i < 600 && !condition.getAsBoolean(); i++) {
            Thread.sleep(25);
        }
        assertTrue(condition.getAsBoolean(), "timed out waiting for: " + what);
    }
}
