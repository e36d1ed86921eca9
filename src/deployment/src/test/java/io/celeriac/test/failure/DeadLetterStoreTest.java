package io.celeriac.test.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.celeriac.AsyncResult;
import io.celeriac.Celeriac;
import io.celeriac.DeadLetter;
import io.celeriac.DeadLetters;
import io.celeriac.TaskFailedException;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.QuarkusUnitTest;

/** Messages that failed for good wait in the dead-letter store, where they can be listed, requeued or purged. */
class DeadLetterStoreTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(FlakyTasks.class))
            .overrideConfigKey("celeriac.worker.enabled", "true");

    @Inject
    Celeriac celeriac;

    @Inject
    DeadLetters deadLetters;

    @Inject
    RedisDataSource redis;

    @BeforeEach
    void empty() {
        deadLetters.purge("default");
    }

    private AsyncResult<Object> failForGood(String task, Object... args) {
        AsyncResult<Object> result = celeriac.send(task, args);
        assertThrows(TaskFailedException.class, () -> result.get(WAIT));
        // FAILURE is written after the dead letter, so the entry is there now.
        return result;
    }

    @Test
    void afterTheLastRetryTheMessageIsDeadLetteredWithReasonExceptionTimeAndWorker() {
        Instant before = Instant.now();
        AsyncResult<Object> doomed = failForGood("doomed", "disk full");
        List<DeadLetter> letters = deadLetters.list("default", 0, 10);
        assertEquals(1, letters.size());
        DeadLetter letter = letters.get(0);
        assertEquals(doomed.id(), letter.taskId());
        assertEquals("doomed", letter.task());
        assertEquals("default", letter.queue());
        assertEquals("failed after 1 retries", letter.reason());
        assertTrue(letter.exception().contains("IllegalStateException") && letter.exception().contains("disk full"),
                letter.exception());
        assertTrue(letter.worker().startsWith("celeriac@"), letter.worker());
        assertFalse(letter.time().isBefore(before.minusSeconds(1)));
        assertTrue(letter.message().contains(doomed.id()));
        assertEquals(1, deadLetters.count("default"));
    }

    @Test
    void requeueOneByIdRunsItAgain() throws Exception {
        AsyncResult<Object> doomed = failForGood("doomed", "once");
        failForGood("doomed", "twice");
        assertEquals(2, deadLetters.count("default"));
        assertTrue(deadLetters.requeue("default", doomed.id()));
        assertFalse(deadLetters.requeue("default", "no-such-id"));
        // It runs once more (its retries are used up), fails again, and is back in the store: 2 entries, not 3, so
        // the requeued entry left the store. (Counting right after the requeue races the worker, which can have
        // run it and dead-lettered it again by then.)
        awaitRuns(doomed, 3);
        awaitCount(2);
    }

    @Test
    void requeueByTaskNameAndAllAndPurge() throws Exception {
        failForGood("doomed", "a");
        failForGood("doomed", "b");
        AsyncResult<Object> unknown = celeriac.send("not.deployed.yet");
        assertThrows(TaskFailedException.class, () -> unknown.get(WAIT));
        assertEquals(3, deadLetters.count("default"));

        assertEquals(1, deadLetters.requeueTask("default", "not.deployed.yet"));
        awaitCount(3); // unknown again: back in the store
        assertEquals(3, deadLetters.requeueAll("default"));
        awaitCount(3);
        assertEquals(3, deadLetters.purge("default"));
        assertEquals(0, deadLetters.count("default"));
        assertEquals(List.of(), deadLetters.list("default", 0, 10));
    }

    @Test
    void requeuedMessageRunsIntactUnderItsId() throws Exception {
        // Requeued and dead-lettered again, the message is still byte for byte what the producer sent.
        AsyncResult<Object> unknown = celeriac.send("not.deployed.yet", 1, "two");
        assertThrows(TaskFailedException.class, () -> unknown.get(WAIT));
        DeadLetter first = deadLetters.list("default", 0, 1).get(0);
        assertTrue(deadLetters.requeue("default", unknown.id()));
        awaitCount(1);
        DeadLetter second = deadLetters.list("default", 0, 1).get(0);
        assertEquals(first.message(), second.message());
        assertNotNull(second.taskId());
    }

    private void awaitRuns(AsyncResult<?> result, long runs) throws InterruptedException {
        for (int i = 0; i < 500 && !Long.valueOf(runs).equals(redis.value(Long.class).get("runs:" + result.id())); i++) {
            Thread.sleep(20);
        }
        assertEquals(runs, redis.value(Long.class).get("runs:" + result.id()));
    }

    private void awaitCount(long count) throws InterruptedException {
        for (int i = 0; i < 500 && deadLetters.count("default") != count; i++) {
            Thread.sleep(20);
        }
        assertEquals(count, deadLetters.count("default"));
    }
}
