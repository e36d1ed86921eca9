package io.celeriac.result;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.celeriac.TaskInfo;
import io.celeriac.TaskState;
import io.celeriac.message.MessageCodec;

/**
 * Celery's result document, as its Redis result backend stores it under {@code celery-task-meta-<id>}:
 *
 * <pre>
 * {"status": "SUCCESS", "result": 5, "traceback": null, "children": [], "date_done": "...", "task_id": "...",
 *  "name": "tasks.add", "retries": 0, "worker": "celeriac@host", "queue": "default"}
 * </pre>
 *
 * An error is stored as Celery stores exceptions ({@code exc_type}, {@code exc_message}, {@code exc_module}), so
 * that a Python client raises an exception named after the Java one, and a Java client reads Python errors.
 */
public final class ResultDocuments {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ResultDocuments() {
    }

    public static ObjectNode success(String taskId, String task, JsonNode result, int retries, String worker,
            String queue) {
        return base(taskId, TaskState.SUCCESS, task, retries, worker, queue, true).set("result", nullToJson(result));
    }

    public static ObjectNode failure(String taskId, String task, Throwable error, int retries, String worker,
            String queue) {
        return errorDocument(taskId, TaskState.FAILURE, task, error, retries, worker, queue);
    }

    public static ObjectNode retry(String taskId, String task, Throwable error, int retries, String worker,
            String queue) {
        return errorDocument(taskId, TaskState.RETRY, task, error, retries, worker, queue);
    }

    /** A FAILURE whose error is described rather than thrown (a message that could not be run). */
    public static ObjectNode failure(String taskId, String task, String errorModule, String errorType, String message,
            int retries, String worker, String queue) {
        ObjectNode doc = base(taskId, TaskState.FAILURE, task, retries, worker, queue, true);
        doc.set("result", exception(errorModule, errorType, message));
        doc.put("traceback", errorModule + "." + errorType + ": " + message);
        return doc;
    }

    /** REVOKED, stored as Celery does: a {@code TaskRevokedError} naming the reason. */
    public static ObjectNode revoked(String taskId, String task, String reason, String worker, String queue) {
        ObjectNode doc = base(taskId, TaskState.REVOKED, task, 0, worker, queue, true);
        doc.set("result", exception("celery.exceptions", "TaskRevokedError", reason));
        return doc;
    }

    public static ObjectNode started(String taskId, String task, String worker, long pid, String hostname,
            String queue) {
        ObjectNode doc = base(taskId, TaskState.STARTED, task, 0, worker, queue, false);
        ObjectNode meta = doc.putObject("result");
        meta.put("pid", pid);
        meta.put("hostname", hostname);
        return doc;
    }

    private static ObjectNode errorDocument(String taskId, TaskState state, String task, Throwable error, int retries,
            String worker, String queue) {
        ObjectNode doc = base(taskId, state, task, retries, worker, queue, state.isReady());
        Class<?> type = error.getClass();
        String module = type.getPackageName();
        String simpleName = type.getName().substring(module.isEmpty() ? 0 : module.length() + 1);
        doc.set("result", exception(module, simpleName, error.getMessage() == null ? "" : error.getMessage()));
        doc.put("traceback", stackTrace(error));
        return doc;
    }

    private static ObjectNode base(String taskId, TaskState state, String task, int retries, String worker,
            String queue, boolean done) {
        ObjectNode doc = JSON.objectNode();
        doc.put("status", state.name());
        doc.putNull("result");
        doc.putNull("traceback");
        doc.putArray("children");
        if (done) {
            doc.put("date_done", MessageCodec.formatInstant(Instant.now()));
        } else {
            doc.putNull("date_done");
        }
        doc.put("task_id", taskId);
        if (task != null) {
            doc.put("name", task);
        }
        doc.put("retries", retries);
        if (worker != null) {
            doc.put("worker", worker);
        }
        if (queue != null) {
            doc.put("queue", queue);
        }
        return doc;
    }

    private static ObjectNode exception(String module, String type, String message) {
        ObjectNode exc = JSON.objectNode();
        exc.put("exc_type", type);
        ArrayNode args = exc.putArray("exc_message");
        args.add(message);
        exc.put("exc_module", module);
        return exc;
    }

    private static JsonNode nullToJson(JsonNode node) {
        return node == null ? JSON.nullNode() : node;
    }

    private static String stackTrace(Throwable error) {
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    /** Reads a stored document (from Celery or Celeriac). */
    public static TaskInfo read(ObjectMapper mapper, String json) {
        JsonNode doc;
        try {
            doc = mapper.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException("Unreadable result document: " + json, e);
        }
        return read(doc);
    }

    public static TaskInfo read(JsonNode doc) {
        String dateDone = doc.hasNonNull("date_done") ? doc.get("date_done").asText() : null;
        return new TaskInfo(
                doc.path("task_id").asText(null),
                TaskState.fromCelery(doc.path("status").asText(null)),
                doc.get("result"),
                doc.hasNonNull("traceback") ? doc.get("traceback").asText() : null,
                dateDone == null ? null : MessageCodec.parseInstant(dateDone),
                doc.hasNonNull("name") ? doc.get("name").asText() : null,
                doc.path("retries").asInt(0),
                doc.hasNonNull("worker") ? doc.get("worker").asText() : null);
    }

    /** The full error type of a stored error: {@code java.lang.IllegalStateException}, or {@code ValueError} for Python's builtins. */
    public static String errorType(TaskInfo info) {
        return info.errorType().orElse("UnknownError");
    }
}
