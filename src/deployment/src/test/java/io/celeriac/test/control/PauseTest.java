package io.celeriac.test.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
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
 * A paused worker holds no message of the paused queue, not even one its blocking read (begun before the pause)
 * took: it goes back to the queue for other workers. Resumed, the worker runs it.
 */
class PauseTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(EchoTask.class, TestQueues.class))
            .overrideConfigKey("celeriac.worker.enabled", "true")
            // A long blocking read: the one in progress when the pause arrives is still waiting when the task is sent.
            .overrideConfigKey("celeriac.worker.block-time", "3s");

    @ApplicationScoped
    public static class EchoTask {
        @Task(name = "echo")
        public String echo(String text) {
            return text;
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

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        for (int i = 0; i < 600 && !condition.getAsBoolean(); i++) {
            Thread.sleep(25);
        }
        assertTrue(condition.getAsBoolean(), "timed out waiting for: " + what);
    }
}
