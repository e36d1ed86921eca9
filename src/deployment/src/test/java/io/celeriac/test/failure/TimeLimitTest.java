package io.celeriac.test.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.celeriac.AsyncResult;
import io.celeriac.Celeriac;
import io.celeriac.TaskFailedException;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.QuarkusUnitTest;

class TimeLimitTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(LimitedTasks.class))
            .overrideConfigKey("celeriac.worker.enabled", "true")
            .overrideConfigKey("celeriac.worker.concurrency", "1")
            .overrideConfigKey("celeriac.worker.time-limit", "700ms");

    @Inject
    Celeriac celeriac;

    @Inject
    RedisDataSource redis;

    @Test
    void softLimitInterruptsAndTheTaskCleansUp() {
        assertEquals("cleaned up after soft limit", celeriac.send("soft-limited").as(String.class).get(WAIT));
    }

    @Test
    void hardLimitRecordsFailureAndFreesTheSlotWhileTheThreadIsAbandoned() {
        AsyncResult<String> spinning = celeriac.send("hard-limited").as(String.class);
        TaskFailedException error = assertThrows(TaskFailedException.class, () -> spinning.get(WAIT));
        assertTrue(error.remoteType().endsWith("TimeLimitExceededException"), error.remoteType());
        assertTrue(error.remoteMessage().contains("PT0.5S"), error.remoteMessage());
        // The only slot is free again although the abandoned thread still spins.
        assertEquals(1L, celeriac.send("quick").as(Long.class).get(WAIT));
        assertEquals(1, LimitedTasks.abandonedThreadEnded.getCount(), "the abandoned thread was still running");
    }

    @Test
    void globalDefaultLimitAppliesToTasksWithoutTheirOwn() {
        AsyncResult<String> sleeping = celeriac.send("default-limited").as(String.class);
        TaskFailedException error = assertThrows(TaskFailedException.class, () -> sleeping.get(WAIT));
        assertTrue(error.remoteType().endsWith("TimeLimitExceededException"), error.remoteType());
    }
}
