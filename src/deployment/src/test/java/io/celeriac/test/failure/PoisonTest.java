package io.celeriac.test.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.celeriac.AsyncResult;
import io.celeriac.Celeriac;
import io.celeriac.DeadLetter;
import io.celeriac.DeadLetters;
import io.celeriac.TaskOptions;
import io.celeriac.worker.Worker;
import io.celeriac.test.TestQueues;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Garbage of every kind pushed into a queue while good tasks flow: every good task completes, every bad message
 * ends in the dead-letter store with its reason, and the worker keeps running.
 */
class PoisonTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(FlakyTasks.class, TestQueues.class))
            .overrideConfigKey("celeriac.worker.enabled", "true")
            .overrideConfigKey("celeriac.max-message-size", "64K");

    @Inject
    Celeriac celeriac;

    @Inject
    DeadLetters deadLetters;

    @Inject
    RedisDataSource redis;

    @Inject
    ObjectMapper json;

    @Inject
    Worker worker;

    @Test
    void garbageIsDeadLetteredWithItsReasonWhileGoodTasksComplete() throws Exception {
        Map<String, String> poison = poison();
        List<AsyncResult<Object>> good = new ArrayList<>();
        for (Map.Entry<String, String> bad : poison.entrySet()) {
            good.add(celeriac.send("counted"));
            TestQueues.push(redis, "default", bad.getValue());
            good.add(celeriac.send("counted"));
        }
        for (AsyncResult<Object> task : good) {
            assertEquals(1L, task.as(Long.class).get(Duration.ofSeconds(30)));
        }
        for (int i = 0; i < 500 && deadLetters.count("default") < poison.size(); i++) {
            Thread.sleep(20);
        }
        List<DeadLetter> letters = deadLetters.list("default", 0, 100);
        assertEquals(poison.size(), letters.size(), "one dead letter per bad message: " + letters);
        for (Map.Entry<String, String> bad : poison.entrySet()) {
            DeadLetter letter = letters.stream().filter(l -> l.message().equals(bad.getValue())).findFirst()
                    .orElseThrow(() -> new AssertionError("no dead letter for " + bad.getKey()));
            assertTrue(letter.reason() != null && !letter.reason().isBlank(), bad.getKey());
            System.out.printf("poison %-22s -> %s%n", bad.getKey(), letter.reason());
        }
        assertTrue(worker.isRunning());
        assertEquals(0, TestQueues.waiting(redis, "default"));
    }

    /** Kind of garbage → the message. Valid messages are made by a real producer, then broken. */
    private Map<String, String> poison() throws Exception {
        Map<String, String> poison = new LinkedHashMap<>();
        poison.put("invalid JSON", "{\"headers\": {\"id\": \"x\"");
        poison.put("not an object", "[1, 2, 3]");
        poison.put("plain text", "hello worker");
        poison.put("binary junk", new String(new byte[] { (byte) 0xff, 0, (byte) 0xfe, 7, (byte) 0x80, 1 },
                StandardCharsets.ISO_8859_1));
        poison.put("wrong protocol", "{\"task\": \"counted\", \"id\": \"proto1\", \"args\": [], \"kwargs\": {}}");

        ObjectNode noId = realMessage();
        ((ObjectNode) noId.get("headers")).remove("id");
        poison.put("missing id", noId.toString());

        ObjectNode unknown = realMessage();
        ((ObjectNode) unknown.get("headers")).put("task", "no.such.task");
        poison.put("unknown task", unknown.toString());

        poison.put("wrong arity", withArgs(json.createArrayNode().add(1).add(2)));
        poison.put("wrong types", messageOf("flaky", json.createArrayNode().add("not a number")));
        poison.put("unknown kwarg", messageOf("counted", json.createArrayNode(), "nonsense"));

        ObjectNode badBody = realMessage();
        badBody.put("body", "eyJub3QiOiAiYSBsaXN0In0="); // base64 of {"not": "a list"}
        badBody.put("content-encoding", "base64");
        poison.put("body not a list", badBody.toString());

        ObjectNode huge = realMessage();
        ((ObjectNode) huge.get("headers")).put("padding", "z".repeat(100_000));
        poison.put("huge body", huge.toString());

        ObjectNode wrongEncoding = realMessage();
        wrongEncoding.put("content-type", "application/x-python-serialize");
        poison.put("pickle content type", wrongEncoding.toString());
        poison.put("empty object", "{}");
        return poison;
    }

    private ObjectNode realMessage() throws Exception {
        celeriac.send("counted", TaskOptions.defaults().queue("parked"));
        return (ObjectNode) json.readTree(TestQueues.take(redis, "parked"));
    }

    private String withArgs(ArrayNode args) throws Exception {
        return messageOf("counted", args);
    }

    private String messageOf(String task, ArrayNode args, String... kwargs) throws Exception {
        celeriac.send(task, TaskOptions.defaults().queue("parked"));
        ObjectNode message = (ObjectNode) json.readTree(TestQueues.take(redis, "parked"));
        ArrayNode body = (ArrayNode) message.get("body");
        body.set(0, args);
        for (String kwarg : kwargs) {
            ((ObjectNode) body.get(1)).put(kwarg, 1);
        }
        return message.toString();
    }
}
