package io.celeriac;

import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the result backend stores about a task (Celery's result document).
 *
 * @param taskId the task id
 * @param state its state
 * @param result the stored result as JSON: the return value on SUCCESS, the error on FAILURE and RETRY
 * @param traceback the remote stack trace on FAILURE and RETRY, else {@code null}
 * @param dateDone when the state was reached ({@code null} while not ready)
 * @param taskName the task name, when the worker recorded it
 * @param retries how many retries happened so far
 * @param worker the worker that wrote the state, when recorded
 */
public record TaskInfo(String taskId, TaskState state, JsonNode result, String traceback, Instant dateDone,
        String taskName, int retries, String worker) {

    /**
     * The remote error's full type on FAILURE and RETRY, e.g. {@code java.lang.IllegalStateException}, or
     * {@code ValueError} for Python's builtins.
     */
    public Optional<String> errorType() {
        if (result == null || !result.hasNonNull("exc_type")) {
            return Optional.empty();
        }
        // Celery stores the simple name and the module apart; builtins are known by their simple name.
        String type = result.get("exc_type").asText();
        String module = result.hasNonNull("exc_module") ? result.get("exc_module").asText() : "";
        return Optional.of(module.isEmpty() || module.equals("builtins") ? type : module + "." + type);
    }

    /** The remote error's message on FAILURE and RETRY. */
    public Optional<String> errorMessage() {
        if (result == null || !result.has("exc_message")) {
            return Optional.empty();
        }
        JsonNode message = result.get("exc_message");
        // Celery stores the exception's args: a list whose first element is the message.
        if (message.isArray()) {
            return message.isEmpty() ? Optional.of("") : Optional.of(message.get(0).asText());
        }
        return Optional.of(message.asText());
    }
}
