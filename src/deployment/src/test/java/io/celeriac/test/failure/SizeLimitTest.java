package io.celeriac.test.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.celeriac.AsyncResult;
import io.celeriac.Celeriac;
import io.celeriac.DeadLetter;
import io.celeriac.DeadLetters;
import io.celeriac.MessageTooLargeException;
import io.celeriac.TaskFailedException;
import io.celeriac.TaskOptions;
import io.celeriac.test.TestQueues;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.QuarkusUnitTest;

class SizeLimitTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(FlakyTasks.class, TestQueues.class))
            .overrideConfigKey("celeriac.worker.enabled", "true")
            .overrideConfigKey("celeriac.max-message-size", "10K");

    @Inject
    Celeriac celeriac;

    @Inject
    DeadLetters deadLetters;

    @Inject
    RedisDataSource redis;

    @Inject
    ObjectMapper json;

    @Test
    void producerRefusesAnOversizedMessageWithAClearError() {
        MessageTooLargeException error = assertThrows(MessageTooLargeException.class,
                () -> celeriac.send("doomed", "x".repeat(20_000)));
        assertEquals("doomed", error.task());
        assertTrue(error.size() > 20_000 && error.limit() == 10_240, error.getMessage());
        assertTrue(error.getMessage().contains("celeriac.max-message-size"), error.getMessage());
        assertEquals(0, TestQueues.waiting(redis, "default"));
    }

    @Test
    void oversizedMessageFoundInAQueueIsDeadLetteredAndFails() throws Exception {
        // A producer with a higher limit (or none) put it there: build it from a real message plus padding.
        AsyncResult<Object> parked = celeriac.send("counted", TaskOptions.defaults().queue("parked"));
        ObjectNode message = (ObjectNode) json.readTree(TestQueues.take(redis, "parked"));
        ((ObjectNode) message.get("headers")).put("padding", "y".repeat(30_000));
        TestQueues.push(redis, "default", message.toString());

        TaskFailedException error = assertThrows(TaskFailedException.class, () -> parked.get(Duration.ofSeconds(20)));
        assertTrue(error.remoteMessage().startsWith("oversized message"), error.remoteMessage());
        DeadLetter letter = deadLetters.list("default", 0, 10).stream()
                .filter(l -> parked.id().equals(l.taskId())).findFirst().orElseThrow();
        assertTrue(letter.reason().contains("oversized"), letter.reason());
        assertEquals(message.toString(), letter.message());
        assertEquals(null, redis.value(Long.class).get("runs:" + parked.id()));
    }
}
