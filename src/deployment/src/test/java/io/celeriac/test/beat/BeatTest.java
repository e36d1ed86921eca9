package io.celeriac.test.beat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.celeriac.Beat;
import io.celeriac.beat.BeatService;
import io.celeriac.test.TestQueues;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The beat's emission logic against real Redis, driven with chosen instants so that every outcome is exact. The
 * process test in examples/quickstart runs three real replicas on the clock.
 */
class BeatTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(PeriodicTasks.class, TestQueues.class))
            .overrideConfigKey("celeriac.worker.enabled", "true")
            .overrideConfigKey("celeriac.beat.schedules.remote.task", "py.report")
            .overrideConfigKey("celeriac.beat.schedules.remote.every", "1h")
            .overrideConfigKey("celeriac.beat.schedules.remote.queue", "parked")
            .overrideConfigKey("celeriac.beat.schedules.remote.args", "[7]")
            .overrideConfigKey("celeriac.beat.schedules.remote.kwargs", "{\"format\": \"pdf\"}");

    @Inject
    BeatService beat;

    @Inject
    Beat schedules;

    @Inject
    RedisDataSource redis;

    @Inject
    ObjectMapper json;

    @BeforeEach
    void forgetEmittedTicks() {
        // Each test picks its own instants; a last tick left by another test would hide them.
        redis.key().keys("celeriac:*:beat:*").forEach(key -> redis.key().del(key));
        redis.key().del("beat:ran");
    }

    @Test
    void eachTickIsEmittedOnceWhoeverChecks() throws Exception {
        Instant tick = Instant.ofEpochSecond(Instant.now().getEpochSecond());
        // Three checks of one tick, as three replicas would make: only the first emits.
        int first = beat.check(tick.plusMillis(100));
        int second = beat.check(tick.plusMillis(200));
        int third = beat.check(tick.plusMillis(300));
        assertTrue(first >= 1, "the due tick of beat.record is emitted");
        assertEquals(0, second);
        assertEquals(0, third);
        // The next tick is emitted again, once.
        assertTrue(beat.check(tick.plusMillis(1100)) >= 1);
        assertEquals(0, beat.check(tick.plusMillis(1200)));

        List<String> expected = List.of("hello@" + tick, "hello@" + tick.plusSeconds(1));
        for (int i = 0; i < 200 && redis.list(String.class).llen("beat:ran") < 2; i++) {
            Thread.sleep(25);
        }
        Thread.sleep(300); // a duplicate would arrive in this time; none may
        assertEquals(expected, redis.list(String.class).lrange("beat:ran", 0, -1).stream().sorted().toList());
    }

    @Test
    void scheduleFromConfigurationTargetsATaskDefinedElsewhere() throws Exception {
        Instant hour = Instant.ofEpochSecond(Instant.now().getEpochSecond() / 3600 * 3600);
        beat.check(hour.plusSeconds(1));
        JsonNode message = json.readTree(TestQueues.take(redis, "parked"));
        assertEquals("py.report", message.path("headers").path("task").asText());
        assertEquals("remote", message.path("headers").path("celeriac-beat").asText());
        JsonNode body = message.path("body");
        assertEquals(7, body.get(0).get(0).asInt());
        assertEquals("pdf", body.get(1).get("format").asText());
    }

    @Test
    void lastAndNextRunAreReadable() {
        Instant tick = Instant.ofEpochSecond(Instant.now().getEpochSecond() + 10);
        beat.check(tick.plusMillis(10));
        Map<String, Beat.ScheduleInfo> byName = schedules.schedules().stream()
                .collect(Collectors.toMap(Beat.ScheduleInfo::name, s -> s));
        assertEquals(Map.of("beat.record", "beat.record", "hourly-report", "beat.hourly", "remote", "py.report"),
                byName.values().stream().collect(Collectors.toMap(Beat.ScheduleInfo::name, Beat.ScheduleInfo::task)));
        Beat.ScheduleInfo record = byName.get("beat.record");
        assertEquals(tick, record.lastRun().orElseThrow());
        assertTrue(record.nextRun().isAfter(Instant.now().minusSeconds(1)));
        assertEquals("every 1s", record.expression());
        Beat.ScheduleInfo hourly = byName.get("hourly-report");
        assertEquals("cron 0 0 * * * ? (Europe/Paris)", hourly.expression());
        assertEquals(0, hourly.nextRun().getEpochSecond() % 900, "an hourly tick in any zone is on a quarter hour");
        assertTrue(Duration.between(Instant.now(), hourly.nextRun()).compareTo(Duration.ofHours(1)) <= 0);
    }
}
