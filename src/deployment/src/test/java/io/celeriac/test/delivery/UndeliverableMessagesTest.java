package io.celeriac.test.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.celeriac.AsyncResult;
import io.celeriac.Celeriac;
import io.celeriac.TaskFailedException;
import io.celeriac.test.TestQueues;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.QuarkusUnitTest;

/** Unknown tasks and undecodable messages are not run and not lost: FAILURE where possible, and a dead letter. */
class UndeliverableMessagesTest {

    private static final String DEAD = "celeriac:{default}:dead";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(RecordingTasks.class, TestQueues.class))
            .overrideConfigKey("celeriac.worker.enabled", "true");

    @Inject
    Celeriac celeriac;

    @Inject
    RedisDataSource redis;

    @Inject
    ObjectMapper json;

    @Test
    void unknownTaskFailsAndIsDeadLetteredIntact() throws Exception {
        AsyncResult<Object> unknown = celeriac.send("no.such.task", 1, 2);
        TaskFailedException error = assertThrows(TaskFailedException.class, () -> unknown.get(Duration.ofSeconds(20)));
        assertTrue(error.remoteType().endsWith("NotRegistered"), error.remoteType());
        assertTrue(error.remoteMessage().contains("no.such.task"), error.remoteMessage());
        JsonNode entry = deadLetterFor(unknown.id());
        assertEquals("no.such.task", entry.get("task").asText());
        assertTrue(entry.get("reason").asText().contains("unknown task"), entry.toString());
        assertNotNull(entry.get("worker").asText());
        // The original message is kept as it was, ready to be requeued once the task exists.
        assertEquals(unknown.id(), json.readTree(entry.get("message").asText()).path("headers").path("id").asText());
    }

    @Test
    void undecodableMessageIsDeadLetteredWithItsReasonAndTheWorkerGoesOn() throws Exception {
        TestQueues.push(redis, "default", "{this is not json");
        AsyncResult<Long> after = celeriac.send("count").as(Long.class);
        assertEquals(1L, after.get(Duration.ofSeconds(20)));
        JsonNode entry = null;
        for (int i = 0; i < 200 && entry == null; i++) {
            entry = deadLetters().stream().filter(e -> e.get("message").asText().equals("{this is not json"))
                    .findFirst().orElse(null);
            Thread.sleep(25);
        }
        assertNotNull(entry, "dead letter for the garbage: " + deadLetters());
        assertTrue(entry.get("id").isNull(), entry.toString());
        assertTrue(entry.get("reason").asText().length() > 5, entry.toString());
    }

    @Test
    void argumentsThatDoNotBindFailTheTask() {
        AsyncResult<Object> wrong = celeriac.send("record", "a", "b", "c");
        TaskFailedException error = assertThrows(TaskFailedException.class, () -> wrong.get(Duration.ofSeconds(20)));
        assertTrue(error.remoteMessage().contains("record"), error.remoteMessage());
        assertNotNull(deadLetterFor(wrong.id()));
    }

    private JsonNode deadLetterFor(String id) {
        for (int i = 0; i < 200; i++) {
            for (JsonNode entry : deadLetters()) {
                if (id.equals(entry.path("id").asText())) {
                    return entry;
                }
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("no dead letter for " + id + " in " + deadLetters());
    }

    private List<JsonNode> deadLetters() {
        return redis.list(String.class).lrange(DEAD, 0, -1).stream().map(s -> {
            try {
                return json.readTree(s);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
