package org.acme.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.celeriac.redis.launcher.RedisServer;

/** Operations against real processes: a 30-second Redis outage, and control commands between workers. */
class OperationsIT {

    @RegisterExtension
    final ProcessFixture fixture = new ProcessFixture("always");

    private RedisServer redis() {
        return fixture.redis();
    }

    private WorkerProcess start(String name, Map<String, String> properties) throws Exception {
        return fixture.start(name, properties);
    }

    private String field(String document, String name) {
        if (document == null) {
            return null;
        }
        int at = document.indexOf("\"" + name + "\":\"");
        return at < 0 ? null : document.substring(at + name.length() + 4, document.indexOf('"', at + name.length() + 4));
    }

    private static void await(String what, Duration timeout, Check condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(200);
        }
    }

    interface Check {
        boolean holds() throws Exception;
    }

    @Test
    void aThirtySecondRedisOutageIsSurvivedWithoutARestart() throws Exception {
        WorkerProcess worker = start("outage-worker", Map.of("celeriac.worker.concurrency", "4"));
        assertEquals(200, worker.status("/q/health/ready"));
        List<String> before = WorkerProcess.ids(worker.post("/tasks/slow?count=20&millis=300"));

        long killedAt = System.nanoTime();
        redis().kill();
        await("readiness to go DOWN", Duration.ofSeconds(30), () -> worker.status("/q/health/ready") == 503);
        assertEquals(200, worker.status("/q/health/live"), "a Redis outage does not make the worker not live");
        assertNotEquals(202, worker.postStatus("/tasks/add?a=1&b=2"), "a send during the outage is refused, not lost");
        long outage = TimeUnit.SECONDS.toNanos(30) - (System.nanoTime() - killedAt);
        if (outage > 0) {
            TimeUnit.NANOSECONDS.sleep(outage);
        }
        assertEquals(200, worker.status("/q/health/live"));
        redis().start();

        await("readiness to come back UP", Duration.ofSeconds(60), () -> worker.status("/q/health/ready") == 200);
        await("the tasks sent before the outage to succeed", Duration.ofSeconds(90),
                () -> before.stream().allMatch(id -> "SUCCESS".equals(field(redis().command("GET",
                        "celery-task-meta-" + id), "status"))));
        String after = WorkerProcess.ids(worker.post("/tasks/add?a=2&b=2")).get(0);
        await("a task sent after the outage to succeed", Duration.ofSeconds(30),
                () -> "SUCCESS".equals(field(redis().command("GET", "celery-task-meta-" + after), "status")));
        assertTrue(worker.isAlive());
    }

    @Test
    void controlCommandsReachOneWorkerOrAll() throws Exception {
        WorkerProcess a = start("control-a", Map.of("celeriac.worker.name", "worker-a"));
        WorkerProcess b = start("control-b", Map.of("celeriac.worker.name", "worker-b"));
        await("both workers in the registry", Duration.ofSeconds(30),
                () -> a.get("/ops/workers").contains("worker-a") && a.get("/ops/workers").contains("worker-b"));
        String pinged = a.post("/ops/workers/ping");
        assertEquals(2, pinged.split("\",\"").length, "both workers answer a ping: " + pinged);

        assertEquals(204, a.postStatus("/ops/queues/default/pause?worker=worker-a"));
        await("worker-a to report the pause", Duration.ofSeconds(30),
                () -> a.get("/ops/workers").contains("\"paused\":[\"default\"]"));
        List<String> ids = WorkerProcess.ids(b.post("/tasks/slow?count=10&millis=50"));
        await("all tasks to succeed", Duration.ofSeconds(30), () -> ids.stream().allMatch(
                id -> "SUCCESS".equals(field(redis().command("GET", "celery-task-meta-" + id), "status"))));
        for (String id : ids) {
            assertEquals("worker-b", field(redis().command("GET", "celery-task-meta-" + id), "worker"), id);
        }
        assertEquals(204, a.postStatus("/ops/queues/default/resume?worker=worker-a"));

        assertEquals(204, a.postStatus("/ops/workers/shutdown?worker=worker-b"));
        await("worker-b to exit", Duration.ofSeconds(60), () -> !b.isAlive());
        assertTrue(a.isAlive(), "a command for one worker leaves the others alone");
        await("worker-b to leave the registry", Duration.ofSeconds(30),
                () -> !a.get("/ops/workers").contains("worker-b"));
    }
}
