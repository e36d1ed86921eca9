package io.celeriac.test.beat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.celeriac.beat.BeatService;
import io.celeriac.test.TestQueues;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.QuarkusUnitTest;

class CatchUpTest {

    @RegisterExtension
    static final QuarkusUnitTest catchUp = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(TestQueues.class))
            .overrideConfigKey("celeriac.beat.missed", "catch-up")
            .overrideConfigKey("celeriac.beat.schedules.report.task", "reports.daily")
            .overrideConfigKey("celeriac.beat.schedules.report.every", "1h")
            .overrideConfigKey("celeriac.beat.schedules.report.queue", "parked");

    @Inject
    BeatService beat;

    @Inject
    RedisDataSource redis;

    @Test
    void theMostRecentMissedTickIsEmittedOnce() {
        Instant hour = Instant.parse("2026-01-01T10:00:00Z");
        redis.value(String.class).set(MissedTicksTest.LAST, Long.toString(hour.minusSeconds(3 * 3600).toEpochMilli()));
        assertEquals(1, beat.check(hour.plusSeconds(1200)));
        assertEquals(0, beat.check(hour.plusSeconds(1300)));
        assertNotNull(TestQueues.take(redis, "parked"));
        assertEquals(null, TestQueues.take(redis, "parked"));
    }
}
