package io.celeriac.test.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.celeriac.AsyncResult;
import io.celeriac.Celeriac;
import io.celeriac.TaskFailedException;
import io.celeriac.TaskState;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.QuarkusUnitTest;

class RetryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(FlakyTasks.class))
            .overrideConfigKey("celeriac.worker.enabled", "true");

    @Inject
    Celeriac celeriac;

    @Inject
    RedisDataSource redis;

    @Inject
    ObjectMapper json;

    long runs(AsyncResult<?> result) {
        Long runs = redis.value(Long.class).get("runs:" + result.id());
        return runs == null ? 0 : runs;
    }

    @Test
    void failingTaskIsRetriedUntilItSucceeds() throws Exception {
        AsyncResult<Long> flaky = celeriac.send("flaky", 2).as(Long.class);
        assertEquals(3L, flaky.get(WAIT));
        JsonNode doc = json.readTree(redis.value(String.class).get("celery-task-meta-" + flaky.id()));
        assertEquals(2, doc.get("retries").asInt(), doc.toString());
    }

    @Test
    void retriesAreExhaustedThenFailure() {
        AsyncResult<Long> flaky = celeriac.send("flaky", 10).as(Long.class);
        TaskFailedException error = assertThrows(TaskFailedException.class, () -> flaky.get(WAIT));
        assertTrue(error.remoteMessage().contains("flaky failure 4"), error.remoteMessage());
        assertEquals(4, runs(flaky), "first run and 3 retries");
    }

    @Test
    void aWaitingRetryIsInStateRetryWithItsCountAndSitsInTheDelayedSet() throws Exception {
        AsyncResult<Long> task = celeriac.send("slow-retry").as(Long.class);
        for (int i = 0; i < 200 && task.state() != TaskState.RETRY; i++) {
            Thread.sleep(20);
        }
        assertEquals(TaskState.RETRY, task.state());
        JsonNode doc = json.readTree(redis.value(String.class).get("celery-task-meta-" + task.id()));
        assertEquals(1, doc.get("retries").asInt(), doc.toString());
        assertTrue(doc.get("traceback").asText().contains("first run fails"), doc.toString());
        assertTrue(redis.sortedSet(String.class).zrange("celeriac:{default}:delayed", 0, -1).stream()
                .anyMatch(member -> member.contains(task.id())), "the retry waits in Redis, not in the worker");
        assertEquals(2L, task.get(WAIT));
    }

    @Test
    void retryOnListsTheOnlyExceptionsThatRetry() {
        AsyncResult<Long> other = celeriac.send("selective", "state").as(Long.class);
        assertThrows(TaskFailedException.class, () -> other.get(WAIT));
        assertEquals(1, runs(other));
        AsyncResult<Long> io = celeriac.send("selective", "io").as(Long.class);
        assertThrows(TaskFailedException.class, () -> io.get(WAIT));
        assertEquals(4, runs(io));
    }

    @Test
    void noRetryOnListsExceptionsThatNeverRetry() {
        AsyncResult<Long> bad = celeriac.send("never-on-bad-input", "bad").as(Long.class);
        TaskFailedException error = assertThrows(TaskFailedException.class, () -> bad.get(WAIT));
        assertEquals("java.lang.IllegalArgumentException", error.remoteType());
        assertEquals(1, runs(bad));
        AsyncResult<Long> other = celeriac.send("never-on-bad-input", "other").as(Long.class);
        assertThrows(TaskFailedException.class, () -> other.get(WAIT));
        assertEquals(3, runs(other));
    }

    @Test
    void taskCanAskForItsOwnRetryWithACountdown() {
        AsyncResult<String> task = celeriac.send("explicit-retry").as(String.class);
        assertEquals("ready after 2 retries", task.get(WAIT));
        assertEquals(3, runs(task));
    }
}
