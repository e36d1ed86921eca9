package io.celeriac.test.celery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.celeriac.AsyncResult;
import io.celeriac.Celeriac;
import io.celeriac.TaskCall;
import io.celeriac.TaskFailedException;
import io.celeriac.TaskOptions;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Celeriac and real Python Celery 5 on one Redis, both directions: Python clients call Java tasks, Java clients
 * call Python tasks, and a Celery worker and a Celeriac worker share one queue.
 */
class CeleryInteropTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(CompatTasks.class, CompatTasks.Description.class,
                    PythonTasks.class, PythonTasks.Greeting.class, CeleryPeer.class))
            .overrideConfigKey("celeriac.worker.enabled", "true")
            .overrideConfigKey("celeriac.worker.concurrency", "4")
            .overrideConfigKey("celeriac.worker.queues", "celery,shared")
            .overrideConfigKey("celeriac.queues.celery.transport", "celery")
            .overrideConfigKey("celeriac.queues.shared.transport", "celery")
            .overrideConfigKey("celeriac.queues.python.transport", "celery");

    static Process pythonWorker;

    @ConfigProperty(name = "quarkus.redis.hosts")
    String redisUrl;

    @Inject
    Celeriac celeriac;

    @Inject
    PythonTasks python;

    @Inject
    RedisDataSource redis;

    @Inject
    ObjectMapper json;

    @BeforeAll
    static void requireCelery() throws Exception {
        CeleryPeer.requireCelery();
    }

    @AfterAll
    static void stopPythonWorker() throws Exception {
        CeleryPeer.stop(pythonWorker);
    }

    private synchronized void pythonWorkerRunning() throws Exception {
        if (pythonWorker == null) {
            pythonWorker = CeleryPeer.startWorker(redisUrl, "python,shared", Path.of("target/celery/worker.log"));
        }
    }

    @Test
    void pythonCeleryClientCallsJavaTasks() throws Exception {
        Map<String, JsonNode> calls = new HashMap<>();
        List<String> output = CeleryPeer.runClient(redisUrl, "calls-java", Duration.ofMinutes(3));
        for (String line : output) {
            if (line.startsWith("{")) {
                JsonNode call = json.readTree(line);
                calls.put(call.get("call").asText(), call);
            }
        }
        assertEquals(5, calls.get("args").get("value").asInt(), output.toString());
        assertEquals(42, calls.get("kwargs").get("value").asInt(), output.toString());
        JsonNode record = calls.get("record").get("value");
        assertEquals("Ada", record.get("name").asText());
        assertEquals(2, record.get("tagCount").asInt());
        assertEquals("java", record.get("lang").asText());

        Instant countdownSent = Instant.parse(calls.get("countdown-sent").get("value").asText().replace("+00:00", "Z"));
        assertTrue(calls.get("countdown").get("ok").asBoolean(), output.toString());
        Instant ranAt = Instant.parse(calls.get("countdown").get("value").asText());
        assertFalse(ranAt.isBefore(countdownSent.plusSeconds(1)), "countdown honoured: " + output);
        Instant eta = Instant.parse(calls.get("eta-requested").get("value").asText().replace("+00:00", "Z"));
        assertFalse(Instant.parse(calls.get("eta").get("value").asText()).isBefore(eta.minusSeconds(1)),
                "eta honoured: " + output);

        JsonNode expired = calls.get("expired");
        assertFalse(expired.get("ok").asBoolean(), output.toString());
        assertEquals("TaskRevokedError", expired.get("type").asText(), output.toString());

        JsonNode failure = calls.get("failure");
        assertFalse(failure.get("ok").asBoolean());
        assertEquals("IllegalArgumentException", failure.get("type").asText(), output.toString());
        assertTrue(failure.get("error").asText().contains("bad input"), output.toString());
    }

    @Test
    void javaClientCallsPythonTasks() throws Exception {
        pythonWorkerRunning();
        assertEquals(42, python.multiply(6, 7).get(Duration.ofSeconds(30)));

        PythonTasks.Greeting greeting = python.greet(TaskOptions.defaults().kwarg("greeting", "Hej"), "Linus")
                .await().atMost(Duration.ofSeconds(30));
        assertEquals(new PythonTasks.Greeting("Hej, Linus", "python"), greeting);

        Instant sent = Instant.now();
        AsyncResult<Integer> later = python.multiplyLater(TaskOptions.defaults().countdown(Duration.ofSeconds(2)), 3,
                3);
        assertEquals(9, later.get(Duration.ofSeconds(30)));
        assertFalse(later.info().orElseThrow().dateDone().isBefore(sent.plusSeconds(1)), "countdown honoured");

        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> python.fail("from java").toCompletableFuture().get(30, TimeUnit.SECONDS));
        TaskFailedException error = (TaskFailedException) failed.getCause();
        assertTrue(error.remoteType().endsWith("ValueError"), error.remoteType());
        assertEquals("from java", error.remoteMessage());
        assertTrue(error.remoteTraceback().contains("raise ValueError"), error.remoteTraceback());

        // Celeriac's result handle works for a task it did not send, announced on Celery's task channel.
        AsyncResult<Object> other = celeriac.result(python.multiply(2, 2).id());
        assertEquals(4, other.as(Integer.class).get(Duration.ofSeconds(30)));
    }

    @Test
    void celeryAndCeleriacWorkersShareAQueueWithoutRunningAnyTaskTwice() throws Exception {
        pythonWorkerRunning();
        List<TaskCall> calls = new ArrayList<>();
        for (int n = 0; n < 80; n++) {
            calls.add(celeriac.call("shared.work").args(n));
        }
        List<AsyncResult<Object>> results = celeriac.sendAll(calls);
        for (int n = 0; n < 80; n++) {
            assertEquals(n, results.get(n).as(Integer.class).get(Duration.ofSeconds(60)));
        }
        for (int n = 0; n < 80; n++) {
            assertEquals(1L, redis.value(Long.class).get("shared:executions:" + n), "task " + n);
        }
        List<String> by = redis.list(String.class).lrange("shared:by", 0, -1);
        long fromPython = by.stream().filter("python"::equals).count();
        System.out.printf("shared queue: %d tasks run by Celeriac, %d by Celery%n", by.size() - fromPython,
                fromPython);
        assertTrue(fromPython > 0 && fromPython < 80, "both workers took tasks: " + by);
        assertEquals(0, redis.hash(String.class).hlen("unacked"), "every message acknowledged");
    }
}
