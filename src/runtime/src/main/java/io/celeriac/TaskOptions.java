package io.celeriac;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Options of one task invocation. Immutable: every method returns a copy with one option changed.
 *
 * <pre>
 * TaskOptions.defaults().queue("reports").countdown(Duration.ofMinutes(5)).priority(3)
 * </pre>
 */
public final class TaskOptions {

    private static final TaskOptions DEFAULTS = new TaskOptions(null, null, null, null, null, null, null, Map.of(),
            Map.of(), null);

    private final String queue;
    private final Duration countdown;
    private final Instant eta;
    private final Duration expiresIn;
    private final Instant expiresAt;
    private final Integer priority;
    private final String taskId;
    private final Map<String, Object> headers;
    private final Map<String, Object> kwargs;
    private final Boolean ignoreResult;

    private TaskOptions(String queue, Duration countdown, Instant eta, Duration expiresIn, Instant expiresAt,
            Integer priority, String taskId, Map<String, Object> headers, Map<String, Object> kwargs,
            Boolean ignoreResult) {
        this.queue = queue;
        this.countdown = countdown;
        this.eta = eta;
        this.expiresIn = expiresIn;
        this.expiresAt = expiresAt;
        this.priority = priority;
        this.taskId = taskId;
        this.headers = headers;
        this.kwargs = kwargs;
        this.ignoreResult = ignoreResult;
    }

    /** No option set: the task's own queue, no delay, no expiry, priority 0, a new random id. */
    public static TaskOptions defaults() {
        return DEFAULTS;
    }

    /** Sends to this queue instead of the task's default one. */
    public TaskOptions queue(String queue) {
        return new TaskOptions(Objects.requireNonNull(queue, "queue"), countdown, eta, expiresIn, expiresAt, priority,
                taskId, headers, kwargs, ignoreResult);
    }

    /** Runs the task no earlier than this long after sending. Replaces an {@link #eta(Instant)}. */
    public TaskOptions countdown(Duration countdown) {
        if (countdown.isNegative()) {
            throw new IllegalArgumentException("countdown must not be negative: " + countdown);
        }
        return new TaskOptions(queue, countdown, null, expiresIn, expiresAt, priority, taskId, headers, kwargs,
                ignoreResult);
    }

    /** Runs the task no earlier than this instant. Replaces a {@link #countdown(Duration)}. */
    public TaskOptions eta(Instant eta) {
        return new TaskOptions(queue, null, Objects.requireNonNull(eta, "eta"), expiresIn, expiresAt, priority, taskId,
                headers, kwargs, ignoreResult);
    }

    /** The task is not run (state REVOKED, reason "expired") when a worker takes it later than this after sending. */
    public TaskOptions expires(Duration expiresIn) {
        return new TaskOptions(queue, countdown, eta, Objects.requireNonNull(expiresIn, "expiresIn"), null, priority,
                taskId, headers, kwargs, ignoreResult);
    }

    /** The task is not run (state REVOKED, reason "expired") when a worker takes it after this instant. */
    public TaskOptions expires(Instant expiresAt) {
        return new TaskOptions(queue, countdown, eta, null, Objects.requireNonNull(expiresAt, "expiresAt"), priority,
                taskId, headers, kwargs, ignoreResult);
    }

    /**
     * Priority within the queue, 0 to 9; <strong>0 is the most urgent</strong> and the default, as in Celery on Redis.
     * Messages of a lower number are taken before those of a higher one.
     */
    public TaskOptions priority(int priority) {
        if (priority < 0 || priority > 9) {
            throw new IllegalArgumentException("priority must be between 0 (most urgent) and 9, was " + priority);
        }
        return new TaskOptions(queue, countdown, eta, expiresIn, expiresAt, priority, taskId, headers, kwargs,
                ignoreResult);
    }

    /** Uses this task id instead of a new random one. */
    public TaskOptions taskId(String taskId) {
        if (taskId == null || taskId.isBlank()) {
            throw new IllegalArgumentException("taskId must not be blank");
        }
        return new TaskOptions(queue, countdown, eta, expiresIn, expiresAt, priority, taskId, headers, kwargs,
                ignoreResult);
    }

    /** Adds a custom message header, readable by the task through {@link TaskContext#header(String)}. */
    public TaskOptions header(String name, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(headers);
        copy.put(Objects.requireNonNull(name, "name"), value);
        return new TaskOptions(queue, countdown, eta, expiresIn, expiresAt, priority, taskId,
                Collections.unmodifiableMap(copy), kwargs, ignoreResult);
    }

    /** Adds a keyword argument, bound to the task method's parameter of that name. */
    public TaskOptions kwarg(String name, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(kwargs);
        copy.put(Objects.requireNonNull(name, "name"), value);
        return new TaskOptions(queue, countdown, eta, expiresIn, expiresAt, priority, taskId, headers,
                Collections.unmodifiableMap(copy), ignoreResult);
    }

    /** Asks the worker not to store a result for this invocation. */
    public TaskOptions ignoreResult(boolean ignoreResult) {
        return new TaskOptions(queue, countdown, eta, expiresIn, expiresAt, priority, taskId, headers, kwargs,
                ignoreResult);
    }

    public Optional<String> queue() {
        return Optional.ofNullable(queue);
    }

    public Optional<Duration> countdown() {
        return Optional.ofNullable(countdown);
    }

    public Optional<Instant> eta() {
        return Optional.ofNullable(eta);
    }

    public Optional<Duration> expiresIn() {
        return Optional.ofNullable(expiresIn);
    }

    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    public Optional<Integer> priority() {
        return Optional.ofNullable(priority);
    }

    public Optional<String> taskId() {
        return Optional.ofNullable(taskId);
    }

    public Map<String, Object> headers() {
        return headers;
    }

    public Map<String, Object> kwargs() {
        return kwargs;
    }

    public Optional<Boolean> ignoreResult() {
        return Optional.ofNullable(ignoreResult);
    }

    /** The instant the task becomes due, given the instant it is sent; {@code null} when it is due at once. */
    public Instant dueAt(Instant now) {
        if (eta != null) {
            return eta;
        }
        return countdown == null || countdown.isZero() ? null : now.plus(countdown);
    }

    /** The instant the task expires, given the instant it is sent; {@code null} when it never does. */
    public Instant expiresAt(Instant now) {
        if (expiresAt != null) {
            return expiresAt;
        }
        return expiresIn == null ? null : now.plus(expiresIn);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("TaskOptions{");
        if (queue != null) {
            sb.append("queue=").append(queue).append(' ');
        }
        if (countdown != null) {
            sb.append("countdown=").append(countdown).append(' ');
        }
        if (eta != null) {
            sb.append("eta=").append(eta).append(' ');
        }
        if (expiresIn != null || expiresAt != null) {
            sb.append("expires=").append(expiresIn != null ? expiresIn : expiresAt).append(' ');
        }
        if (priority != null) {
            sb.append("priority=").append(priority).append(' ');
        }
        if (taskId != null) {
            sb.append("taskId=").append(taskId).append(' ');
        }
        if (!headers.isEmpty()) {
            sb.append("headers=").append(headers.keySet()).append(' ');
        }
        if (!kwargs.isEmpty()) {
            sb.append("kwargs=").append(kwargs.keySet()).append(' ');
        }
        return sb.toString().trim() + "}";
    }
}
