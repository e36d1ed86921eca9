package io.celeriac.test.beat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.celeriac.beat.BeatService;
import io.celeriac.test.TestQueues;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.QuarkusUnitTest;

/** Ticks missed while every beat was down: skipped by default, one catch-up when configured. */
class MissedTicksTest {

    static final String LAST = "celeriac:{parked}:beat:report";

    @RegisterExtension
    static final QuarkusUnitTest skip = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(TestQueues.class))
            .overrideConfigKey("celeriac.beat.schedules.report.task", "reports.daily")
            .overrideConfigKey("celeriac.beat.schedules.report.every", "1h")
            .overrideConfigKey("celeriac.beat.schedules.report.queue", "parked");

    @Inject
    BeatService beat;

    @Inject
    RedisDataSource redis;

    @Test
    void missedTicksAreSkippedByDefault() {
        Instant hour = Instant.parse("2026-01-01T10:00:00Z");
        redis.value(String.class).set(LAST, Long.toString(hour.minusSeconds(3 * 3600).toEpochMilli()));
        // The beat comes back 20 minutes after the 10:00 tick: late, so skipped.
        assertEquals(0, beat.check(hour.plusSeconds(1200)));
        assertEquals(null, TestQueues.take(redis, "parked"));
        // The next tick, on time, is emitted.
        assertEquals(1, beat.check(hour.plusSeconds(3600 + 2)));
        assertEquals(Long.toString(hour.plusSeconds(3600).toEpochMilli()), redis.value(String.class).get(LAST));
    }

    @Test
    void aNewScheduleDoesNotFireForATickLongPast() {
        redis.key().del(LAST);
        Instant hour = Instant.parse("2026-02-01T10:00:00Z");
        assertEquals(0, beat.check(hour.plusSeconds(1200)));
        assertEquals(null, TestQueues.take(redis, "parked"));
    }
}
