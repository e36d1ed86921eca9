package org.acme.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.celeriac.redis.launcher.RedisServer;

/**
 * Real worker processes, really killed: every task completes whatever happens to the worker that held it.
 * Executions are counted per task id in Redis by the task itself.
 */
class WorkerProcessIT {

    @RegisterExtension
    final ProcessFixture fixture = new ProcessFixture(null);

    private RedisServer redis() {
        return fixture.redis();
    }

    private WorkerProcess start(String name, Map<String, String> properties) throws Exception {
        return fixture.start(name, properties);
    }

    private long counter(String key, String id) {
        String value = redis().command("GET", key + id);
        return value == null || value.isEmpty() ? 0 : Long.parseLong(value.trim());
    }

    private String state(String id) {
        String document = redis().command("GET", "celery-task-meta-" + id);
        if (document == null) {
            return "PENDING";
        }
        int at = document.indexOf("\"status\":\"");
        return at < 0 ? "?" : document.substring(at + 10, document.indexOf('"', at + 10));
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    /** The messages a dead worker holds (list: in-flight hash and landing list; stream: pending entries), as JSON. */
    private static final String HELD_MESSAGES = """
            local messages = {}
            if ARGV[1] == 'stream' then
              for _, key in ipairs(redis.call('KEYS', 'celeriac:{default}:stream*')) do
                local ok, pending = pcall(redis.call, 'XPENDING', key, 'celeriac', '-', '+', 1000)
                if ok then
                  for _, p in ipairs(pending) do
                    local entry = redis.call('XRANGE', key, p[1], p[1])[1]
                    if entry then messages[#messages + 1] = entry[2][2] end
                  end
                end
              end
            else
              for _, key in ipairs(redis.call('KEYS', 'celeriac:{default}:inflight:*')) do
                for _, m in ipairs(redis.call('HVALS', key)) do messages[#messages + 1] = m end
              end
              for _, key in ipairs(redis.call('KEYS', 'celeriac:{default}:landing:*')) do
                for _, m in ipairs(redis.call('LRANGE', key, 0, -1)) do messages[#messages + 1] = m end
              end
            end
            return cjson.encode(messages)
            """;

    private Set<String> heldByDeadWorker(String transport) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Set<String> ids = new TreeSet<>();
        for (JsonNode message : json.readTree(redis().command("EVAL", HELD_MESSAGES, "0", transport))) {
            if (!message.asText().isEmpty()) {
                ids.add(json.readTree(message.asText()).path("headers").path("id").asText());
            }
        }
        return ids;
    }

    @ParameterizedTest
    @ValueSource(strings = { "list", "stream" })
    void killMinusNineLosesNoTask(String transport) throws Exception {
        Map<String, String> settings = Map.of("celeriac.worker.concurrency", "4", "celeriac.worker.lease-duration", "3s",
                "celeriac.transport", transport);
        WorkerProcess first = start("crash-" + transport + "-worker-1", settings);
        List<String> ids = WorkerProcess.ids(first.post("/tasks/slow?count=40&millis=300"));
        assertEquals(40, ids.size());
        await("a few tasks to complete", Duration.ofSeconds(60),
                () -> ids.stream().filter(id -> counter("quickstart:completions:", id) > 0).count() >= 6);

        long started = System.nanoTime();
        first.kill();
        long doneAtKill = ids.stream().filter(id -> counter("quickstart:completions:", id) > 0).count();
        // Until another worker recovers its lease, nothing changes what the dead worker held: read it now.
        Set<String> heldAtKill = heldByDeadWorker(transport);
        WorkerProcess second = start("crash-" + transport + "-worker-2", settings);
        List<String> missing = new ArrayList<>(ids);
        await("every task to succeed after the kill", Duration.ofSeconds(120), () -> {
            missing.removeIf(id -> "SUCCESS".equals(state(id)));
            return missing.isEmpty();
        });

        Map<String, Long> duplicates = new TreeMap<>();
        for (String id : ids) {
            long executions = counter("quickstart:executions:", id);
            assertTrue(executions >= 1, id + " never ran");
            if (executions > 1) {
                duplicates.put(id, executions);
            }
        }
        System.out.printf("kill -9 (" + transport + "): %d tasks, %d completed before the kill, %d held in flight by the"
                + " dead worker, all %d completed %d ms after it by %s; run twice: %s%n", ids.size(), doneAtKill,
                heldAtKill.size(), ids.size(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                second.name(), duplicates);
        // Only tasks the dead worker held in flight may run again.
        assertTrue(heldAtKill.containsAll(duplicates.keySet()), "ran twice: " + duplicates + ", held: " + heldAtKill);
    }

    @ParameterizedTest
    @ValueSource(strings = { "list", "stream" })
    void sigtermLetsRunningTasksFinishAndReturnsTheRestAtOnce(String transport) throws Exception {
        // A lease far longer than the test: whatever comes back, came back through the graceful shutdown.
        Map<String, String> settings = Map.of("celeriac.worker.concurrency", "2", "celeriac.worker.lease-duration",
                "10m", "celeriac.worker.shutdown-timeout", "3s", "celeriac.transport", transport);
        WorkerProcess worker = start("graceful-" + transport + "-worker-1", settings);
        String quick = WorkerProcess.ids(worker.post("/tasks/slow?count=1&millis=1500")).get(0);
        String endless = WorkerProcess.ids(worker.post("/tasks/slow?count=1&millis=600000")).get(0);
        await("both tasks to start", Duration.ofSeconds(30),
                () -> counter("quickstart:executions:", quick) == 1 && counter("quickstart:executions:", endless) == 1);

        assertTrue(worker.terminate(Duration.ofSeconds(60)), "the worker exits after SIGTERM");
        assertEquals("SUCCESS", state(quick), "a task that finishes within the shutdown timeout completes");
        assertEquals(0, counter("quickstart:completions:", endless));
        if (transport.equals("list")) {
            assertEquals("1", redis().command("LLEN", "celeriac:{default}:ready"),
                    "the unfinished task is back in its queue at once: " + worker.log());
            assertEquals("0", redis().command("ZCARD", "celeriac:{default}:consumers"), "the worker left");
        } else {
            assertEquals("1", redis().command("XLEN", "celeriac:{default}:stream"), worker.log());
        }

        // With a 10-minute lease, the next worker runs it within the wait only if it was returned, not just left.
        start("graceful-" + transport + "-worker-2", Map.of("celeriac.worker.concurrency", "2", "celeriac.transport",
                transport, "celeriac.worker.lease-duration", "10m"));
        await("the returned task to run again", Duration.ofSeconds(30),
                () -> counter("quickstart:executions:", endless) == 2);
    }

    @Test
    void aWorkerStartedAfterARevocationHonoursIt() throws Exception {
        WorkerProcess producer = start("revoke-producer", Map.of("celeriac.worker.enabled", "false"));
        List<String> ids = WorkerProcess.ids(producer.post("/tasks/slow?count=3&millis=10"));
        producer.post("/tasks/" + ids.get(1) + "/revoke");
        assertTrue(producer.terminate(Duration.ofSeconds(60)));

        start("revoke-worker", Map.of());
        await("all three tasks to settle", Duration.ofSeconds(60),
                () -> ids.stream().allMatch(id -> !"PENDING".equals(state(id))));
        assertEquals("SUCCESS", state(ids.get(0)));
        assertEquals("REVOKED", state(ids.get(1)));
        assertEquals("SUCCESS", state(ids.get(2)));
        assertEquals(0, counter("quickstart:executions:", ids.get(1)));
    }
}
