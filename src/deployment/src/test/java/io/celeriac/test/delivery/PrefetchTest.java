package io.celeriac.test.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.celeriac.AsyncResult;
import io.celeriac.Celeriac;
import io.celeriac.TaskState;
import io.celeriac.test.TestQueues;
import io.celeriac.worker.Worker;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.QuarkusUnitTest;
import io.vertx.mutiny.redis.client.Response;

/**
 * While tasks are short, a worker holds up to concurrency × prefetch-multiplier messages, the extra ones waiting in
 * memory for a slot; they run in order, and a worker that stops returns those it did not start. (With long tasks
 * it holds no more than it can run: {@link PriorityTest} relies on that.)
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrefetchTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(RecordingTasks.class, TestQueues.class))
            .overrideConfigKey("celeriac.worker.enabled", "true")
            .overrideConfigKey("celeriac.worker.concurrency", "1")
            .overrideConfigKey("celeriac.worker.prefetch-multiplier", "4")
            // Generous, so that "record" counts as short on any machine; "hold" ends only after the checks.
            .overrideConfigKey("celeriac.worker.short-task", "2s")
            .overrideConfigKey("celeriac.worker.shutdown-timeout", "30s");

    @Inject
    Celeriac celeriac;

    @Inject
    RedisDataSource redis;

    @Inject
    Worker worker;

    @Test
    @Order(1)
    void whileTasksAreShortTheWorkerHoldsUpToItsMultiplierAndRunsThemInOrder() throws Exception {
        runShortTasks("warm");
        RecordingTasks.gate = new CountDownLatch(1);
        try {
            heldUpToTheMultiplier();
        } finally {
            RecordingTasks.gate.countDown();
        }
    }

    private void heldUpToTheMultiplier() throws Exception {
        AsyncResult<Object> hold = startHolding();
        List<AsyncResult<Object>> sent = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            sent.add(celeriac.send("record", "r" + i));
        }
        // The running task plus three waiting for the only slot; the other three stay in Redis.
        awaitTrue(() -> TestQueues.inFlight(redis, "default") == 4 && TestQueues.waiting(redis, "default") == 3,
                "held 4 and waiting 3");
        Thread.sleep(300);
        assertEquals(4, TestQueues.inFlight(redis, "default"), "never more than concurrency x multiplier held");
        assertEquals(3, TestQueues.waiting(redis, "default"));

        RecordingTasks.gate.countDown();
        assertEquals(Boolean.TRUE, hold.get(Duration.ofSeconds(20)));
        for (AsyncResult<Object> result : sent) {
            result.get(Duration.ofSeconds(20));
        }
        List<String> order = redis.list(String.class).lrange("order", 0, -1);
        assertEquals(List.of("r0", "r1", "r2", "r3", "r4", "r5"), order.subList(order.size() - 6, order.size()));
        awaitTrue(() -> TestQueues.inFlight(redis, "default") == 0, "all acknowledged");
    }

    @Test
    @Order(2)
    void aStoppingWorkerReturnsTheHeldMessagesItDidNotStart() throws Exception {
        runShortTasks("again");
        RecordingTasks.gate = new CountDownLatch(1);
        try {
            unstartedReturned();
        } finally {
            RecordingTasks.gate.countDown();
        }
    }

    private void unstartedReturned() throws Exception {
        AsyncResult<Object> hold = startHolding();
        List<AsyncResult<Object>> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sent.add(celeriac.send("record", "s" + i));
        }
        awaitTrue(() -> TestQueues.inFlight(redis, "default") == 4 && TestQueues.waiting(redis, "default") == 2,
                "held 4 and waiting 2");

        Thread stopping = Thread.ofPlatform().start(worker::stop);
        // The three held messages that did not start go back at once; the running task keeps its slot.
        awaitTrue(() -> TestQueues.waiting(redis, "default") == 5 && TestQueues.inFlight(redis, "default") == 1,
                "5 waiting again, only the running task held");
        // Lists get them back ahead of the others, a stream behind them; either way in the order they were sent.
        List<Integer> expected = TestQueues.streams() ? List.of(3, 4, 0, 1, 2) : List.of(0, 1, 2, 3, 4);
        assertEquals(expected, waitingOrder(sent));
        RecordingTasks.gate.countDown();
        stopping.join(30_000);
        assertEquals(TaskState.SUCCESS, hold.state());
        assertEquals(0, TestQueues.inFlight(redis, "default"));
        for (AsyncResult<Object> result : sent) {
            assertEquals(TaskState.PENDING, result.state(), "returned, not run");
        }
    }

    /** The indexes in {@code sent} of the waiting messages, in the order workers will take them. */
    private List<Integer> waitingOrder(List<AsyncResult<Object>> sent) {
        List<String> messages = new ArrayList<>();
        if (TestQueues.streams()) {
            for (Response entry : redis.execute("XRANGE", "celeriac:{default}:stream", "-", "+")) {
                messages.add(entry.get(1).get(1).toString());
            }
        } else {
            messages.addAll(redis.list(String.class).lrange("celeriac:{default}:ready", 0, -1).reversed());
        }
        List<Integer> order = new ArrayList<>();
        for (String message : messages) {
            for (int i = 0; i < sent.size(); i++) {
                if (message.contains(sent.get(i).id())) {
                    order.add(i);
                }
            }
        }
        return order;
    }

    private void runShortTasks(String label) {
        // The worker holds extra messages only once it has seen its tasks are short.
        List<AsyncResult<Object>> warm = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            warm.add(celeriac.send("record", label + i));
        }
        for (AsyncResult<Object> result : warm) {
            result.get(Duration.ofSeconds(20));
        }
    }

    private AsyncResult<Object> startHolding() throws InterruptedException {
        AsyncResult<Object> hold = celeriac.send("hold");
        awaitTrue(() -> hold.state() == TaskState.STARTED, "hold started");
        return hold;
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        for (int i = 0; i < 400 && !condition.getAsBoolean(); i++) {
            Thread.sleep(25);
        }
        assertTrue(condition.getAsBoolean(), "timed out waiting for: " + what);
    }
}
