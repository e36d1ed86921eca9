package io.celeriac.test.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.celeriac.AsyncResult;
import io.celeriac.Celeriac;
import io.celeriac.TaskCall;
import io.celeriac.TaskFailedException;
import io.celeriac.TaskOptions;
import io.celeriac.TaskState;
import io.celeriac.TaskTimeoutException;
import io.celeriac.test.core.ArithmeticTasks.Point;
import io.celeriac.test.TestQueues;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.QuarkusUnitTest;

/** Every producer form, through a real worker and a real Redis, and every kind of result read back. */
class CoreRoundTripTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ArithmeticTasks.class, Point.class, ArithmeticClient.class,
                    RedisStats.class, TestQueues.class))
            .overrideConfigKey("celeriac.worker.enabled", "true");

    @Inject
    Celeriac celeriac;

    @Inject
    ArithmeticClient client;

    @Inject
    RedisDataSource redis;

    @Inject
    ObjectMapper json;

    @Test
    void positionalArguments() {
        AsyncResult<Integer> sum = celeriac.send("add", 2, 3).as(Integer.class);
        assertEquals(5, sum.get(WAIT));
        assertEquals(TaskState.SUCCESS, sum.state());
    }

    @Test
    void optionsFormWithKeywordArgumentsTaskIdAndHeaders() {
        TaskOptions options = TaskOptions.defaults().taskId("greeting-1").kwarg("greeting", "Bonjour")
                .header("tenant", "acme");
        AsyncResult<String> greeting = celeriac.send("greet", options, "Ada").as(String.class);
        assertEquals("greeting-1", greeting.id());
        assertEquals("Bonjour, Ada", greeting.get(WAIT));
    }

    @Test
    void fluentCall() {
        AsyncResult<String> greeting = celeriac.call("greet").kwarg("name", "Grace").kwarg("greeting", "Hi").send()
                .as(String.class);
        assertEquals("Hi, Grace", greeting.get(WAIT));
    }

    @Test
    void resultTypesRoundTrip() {
        assertEquals(new Point(11, 12), celeriac.send("shift", new Point(1, 2), 10).as(Point.class).get(WAIT));
        assertEquals(Map.of("a", 2, "b", 1),
                celeriac.send("count-words", List.of("a", "b", "a")).as(new TypeReference<Map<String, Integer>>() {
                }).get(WAIT));
        assertEquals(List.of(new Point(0, 0), new Point(1, -1)),
                celeriac.send("points", 2).as(new TypeReference<List<Point>>() {
                }).get(WAIT));
        AsyncResult<String> nothing = celeriac.send("nothing").as(String.class);
        assertNull(nothing.get(WAIT));
        assertEquals(TaskState.SUCCESS, nothing.state());
        assertEquals(49L, celeriac.send("square-uni", 7).as(Long.class).get(WAIT));
        assertEquals(64L, celeriac.send("square-stage", 8).as(Long.class).get(WAIT));
    }

    @Test
    void failureCarriesRemoteTypeMessageAndTrace() {
        AsyncResult<Integer> failed = celeriac.send("explode", "on purpose").as(Integer.class);
        TaskFailedException error = assertThrows(TaskFailedException.class, () -> failed.get(WAIT));
        assertEquals("java.lang.IllegalArgumentException", error.remoteType());
        assertEquals("on purpose", error.remoteMessage());
        assertTrue(error.remoteTraceback().contains("ArithmeticTasks.explode"), error.remoteTraceback());
        assertEquals(failed.id(), error.taskId());
        assertEquals(TaskState.FAILURE, failed.state());
    }

    @Test
    void stateGoesFromPendingThroughStartedToSuccessAndTimeoutIsDistinct() throws Exception {
        ArithmeticTasks.gate = new CountDownLatch(1);
        assertEquals(TaskState.PENDING, celeriac.result("never-sent").state());
        AsyncResult<String> gated = celeriac.send("gate").as(String.class);
        awaitState(gated, TaskState.STARTED);
        assertThrows(TaskTimeoutException.class, () -> gated.get(Duration.ofMillis(300)));
        ArithmeticTasks.gate.countDown();
        assertEquals("opened", gated.get(WAIT));
    }

    @Test
    void awaitAndCompletionStage() throws Exception {
        assertEquals(9, celeriac.send("add", 4, 5).as(Integer.class).await().await().atMost(WAIT));
        assertEquals(10, celeriac.send("add", 5, 5).as(Integer.class).toCompletionStage().toCompletableFuture()
                .get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Test
    void typedClient() throws Exception {
        assertEquals(3, client.add(1, 2).get(WAIT));
        assertEquals(7, client.addUni(3, 4).await().atMost(WAIT));
        assertEquals(11, client.addStage(5, 6).toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertEquals(new Point(3, 3), client.shift(new Point(1, 1), 2).get(WAIT));
        assertEquals(Map.of("x", 2), client.countWords(List.of("x", "x")).await().atMost(WAIT));
        client.addAndForget(TaskOptions.defaults().taskId("forgotten-add"), 20, 22);
        assertEquals(42, celeriac.result("forgotten-add", Integer.class).get(WAIT));
        TaskFailedException error = assertThrows(TaskFailedException.class, () -> client.explode("typed").get(WAIT));
        assertEquals("typed", error.remoteMessage());
    }

    @Test
    void sendAllPublishesTheBatchInOneRoundTrip() {
        List<TaskCall> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            calls.add(celeriac.call("add").args(i, i));
        }
        String command = TestQueues.streams() ? "xadd" : "lpush";
        long pushesBefore = RedisStats.calls(redis, command);
        List<AsyncResult<Object>> results = celeriac.sendAll(calls);
        long pushes = RedisStats.calls(redis, command) - pushesBefore;
        // Lists: one LPUSH carries the whole batch; streams: one XADD per message, pipelined in one round trip.
        assertEquals(TestQueues.streams() ? 50 : 1, pushes);
        for (int i = 0; i < 50; i++) {
            assertEquals(2 * i, results.get(i).as(Integer.class).get(WAIT));
        }
    }

    @Test
    void resultsThatFinishedBeforeAnybodyWaitedAreStillReturned() throws Exception {
        // More than the 4096 notifications the client keeps for late waiters: the oldest are dropped, and their
        // handles must fall back to reading the stored result.
        int count = 5000;
        List<AsyncResult<Object>> results = new ArrayList<>();
        List<TaskCall> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(celeriac.call("add").args(i, 1));
            if (batch.size() == 1000) {
                results.addAll(celeriac.sendAll(batch));
                batch.clear();
            }
        }
        for (AsyncResult<Object> result : results) {
            awaitState(result, TaskState.SUCCESS);
        }
        for (int i = 0; i < count; i++) {
            assertEquals(i + 1, ((Number) results.get(i).get(WAIT)).intValue(), "task " + i);
            // A second wait on the same handle reads the stored result again.
            assertEquals(i + 1, ((Number) results.get(i).get(WAIT)).intValue(), "task " + i + ", second wait");
        }
    }

    @Test
    void resultDocumentIsCeleryShapedAndExpires() throws Exception {
        AsyncResult<Integer> sum = celeriac.send("add", 20, 1).as(Integer.class);
        sum.get(WAIT);
        String key = "celery-task-meta-" + sum.id();
        JsonNode doc = json.readTree(redis.value(String.class).get(key));
        assertEquals("SUCCESS", doc.get("status").asText());
        assertEquals(21, doc.get("result").asInt());
        assertEquals(sum.id(), doc.get("task_id").asText());
        assertTrue(doc.get("traceback").isNull());
        assertTrue(doc.has("date_done") && doc.has("children"));
        long ttl = redis.key().pttl(key);
        assertTrue(ttl > Duration.ofHours(23).toMillis() && ttl <= Duration.ofDays(1).toMillis(), "TTL " + ttl);
    }

    @Test
    void ignoredResultsAreNotStored() throws Exception {
        AsyncResult<Object> quiet = celeriac.send("quiet", 1);
        // Ordering: a task sent after it on the same queue and finished means it was consumed.
        AsyncResult<Integer> after = celeriac.send("add", 0, 0).as(Integer.class);
        after.get(WAIT);
        awaitEmptyInFlight();
        assertFalse(redis.key().exists("celery-task-meta-" + quiet.id()));
    }

    private void awaitEmptyInFlight() throws InterruptedException {
        for (int i = 0; i < 200 && TestQueues.inFlight(redis, "default") > 0; i++) {
            Thread.sleep(50);
        }
    }

    private static void awaitState(AsyncResult<?> result, TaskState state) throws InterruptedException {
        for (int i = 0; i < 400 && result.state() != state; i++) {
            Thread.sleep(50);
        }
        assertEquals(state, result.state());
    }
}
