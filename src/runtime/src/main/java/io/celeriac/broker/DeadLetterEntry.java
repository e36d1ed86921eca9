package io.celeriac.broker;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A message that will not be run again by itself, with why: stored in the queue's dead-letter list as JSON that
 * holds the original message intact, so that it can be requeued as it was.
 *
 * @param queue the queue it came from
 * @param taskId the task id, or {@code null} when unreadable
 * @param task the task name, or {@code null} when unreadable
 * @param reason why it was dead-lettered
 * @param exception the error type and message, or {@code null}
 * @param worker the worker that dead-lettered it
 * @param time when
 * @param message the message exactly as it was stored in the queue
 */
public record DeadLetterEntry(String queue, String taskId, String task, String reason, String exception,
        String worker, Instant time, String message) {

    public String toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("queue", queue);
        node.put("id", taskId);
        node.put("task", task);
        node.put("reason", reason);
        node.put("exception", exception);
        node.put("worker", worker);
        node.put("time_ms", time.toEpochMilli());
        node.put("message", message);
        return node.toString();
    }

    /** Reads an entry written by {@link #toJson()} or by the recovery script. */
    public static DeadLetterEntry fromJson(ObjectMapper mapper, String json) {
        try {
            JsonNode node = mapper.readTree(json);
            return new DeadLetterEntry(text(node, "queue"), text(node, "id"), text(node, "task"), text(node, "reason"),
                    text(node, "exception"), text(node, "worker"), Instant.ofEpochMilli(node.path("time_ms").asLong()),
                    text(node, "message"));
        } catch (Exception e) {
            throw new IllegalStateException("Unreadable dead-letter entry: " + json, e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
