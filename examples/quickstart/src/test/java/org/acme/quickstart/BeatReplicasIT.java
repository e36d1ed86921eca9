package org.acme.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.celeriac.redis.launcher.RedisServer;

/**
 * Three beat replicas on a one-second schedule, one of them killed with SIGKILL halfway: every tick is emitted,
 * and emitted once. A separate worker process runs the emitted tasks, which record their tick.
 */
class BeatReplicasIT {

    @RegisterExtension
    final ProcessFixture fixture = new ProcessFixture(null);

    private RedisServer redis() {
        return fixture.redis();
    }

    private WorkerProcess start(String name, Map<String, String> properties) throws Exception {
        return fixture.start(name, properties);
    }

    @Test
    void everyTickOnceAcrossReplicasThroughAKill() throws Exception {
        Map<String, String> beat = Map.of(
                "celeriac.worker.enabled", "false",
                "celeriac.beat.enabled", "true",
                "celeriac.beat.check-interval", "200ms",
                "celeriac.beat.schedules.heartbeat.task", "quickstart.heartbeat",
                "celeriac.beat.schedules.heartbeat.every", "1s");
        start("beat-worker", Map.of("celeriac.worker.enabled", "true"));
        WorkerProcess first = start("beat-1", beat);
        WorkerProcess second = start("beat-2", beat);
        WorkerProcess third = start("beat-3", beat);

        Thread.sleep(6000);
        second.kill();
        Thread.sleep(6000);
        assertTrue(first.terminate(Duration.ofSeconds(30)));
        assertTrue(third.terminate(Duration.ofSeconds(30)));
        // Let the worker run what the beats emitted before they stopped.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!"0".equals(redis().command("LLEN", "celeriac:{default}:ready")) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(500);

        List<Instant> ticks = new ArrayList<>();
        String list = "quickstart:heartbeats";
        long length = Long.parseLong(redis().command("LLEN", list));
        for (long i = 0; i < length; i++) {
            ticks.add(Instant.parse(redis().command("LINDEX", list, Long.toString(i))));
        }
        Set<Instant> distinct = new HashSet<>(ticks);
        TreeSet<Instant> sorted = new TreeSet<>(ticks);
        List<Instant> missing = new ArrayList<>();
        for (Instant t = sorted.first(); t.isBefore(sorted.last()); t = t.plusSeconds(1)) {
            if (!distinct.contains(t)) {
                missing.add(t);
            }
        }
        System.out.printf("beat replicas: %d ticks from %s to %s, %d duplicates, missing %s%n", ticks.size(),
                sorted.first(), sorted.last(), ticks.size() - distinct.size(), missing);
        assertEquals(distinct.size(), ticks.size(), "no tick emitted twice: " + ticks);
        assertEquals(List.of(), missing, "no tick missed");
        assertTrue(ticks.size() >= 10, "ticks over twelve seconds: " + ticks.size());
    }
}
