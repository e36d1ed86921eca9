package io.celeriac.worker;

import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.celeriac.TaskContext;
import io.celeriac.message.TaskMessage;

/** The {@link TaskContext} of one run. */
final class RunningTaskContext implements TaskContext {

    private final TaskMessage message;
    private final String queue;
    volatile boolean softTimeLimitExceeded;

    RunningTaskContext(TaskMessage message, String queue) {
        this.message = message;
        this.queue = queue;
    }

    @Override
    public String id() {
        return message.id();
    }

    @Override
    public String taskName() {
        return message.task();
    }

    @Override
    public String queue() {
        return queue;
    }

    @Override
    public int retries() {
        return message.retries();
    }

    @Override
    public Optional<String> header(String name) {
        Object value = message.extraHeaders().get(name);
        if (value == null || (value instanceof JsonNode node && node.isNull())) {
            return Optional.empty();
        }
        return Optional.of(value instanceof JsonNode node && node.isValueNode() ? node.asText() : value.toString());
    }

    @Override
    public boolean isSoftTimeLimitExceeded() {
        return softTimeLimitExceeded;
    }

    @Override
    public RuntimeException retry(Duration countdown, String reason) {
        throw new RetryRequest(countdown, reason);
    }

    @Override
    public RuntimeException retry(String reason) {
        throw new RetryRequest(null, reason);
    }
}
