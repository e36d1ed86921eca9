package io.celeriac.registry;

import java.io.IOException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.invoke.Invoker;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.celeriac.beat.Schedule;
import io.celeriac.beat.ScheduledTask;

/**
 * A task the build found: its name, where messages for it go, how to call it and with which policies.
 * Instances are created by the generated {@link TaskTable}.
 */
public final class TaskDefinition {

    private final String name;
    private final String queue;
    private final String method;
    private final Invoker<Object, Object> invoker;
    private final List<TaskParameter> parameters;
    private final int argumentCount;
    private final JavaType resultType;
    private final ResultKind resultKind;
    private final boolean ignoreResult;
    private final int maxRetries;
    private final Duration retryBackoff;
    private final Duration retryBackoffMax;
    private final List<Class<? extends Throwable>> retryOn;
    private final List<Class<? extends Throwable>> noRetryOn;
    private final Duration softTimeLimit;
    private final Duration timeLimit;

    private final ScheduledTask periodic;

    private TaskDefinition(Builder b) {
        this.periodic = b.periodic;
        this.name = b.name;
        this.queue = b.queue;
        this.method = b.method;
        this.invoker = Objects.requireNonNull(b.invoker, "invoker");
        this.parameters = List.copyOf(b.parameters);
        this.argumentCount = (int) parameters.stream().filter(p -> !p.context()).count();
        this.resultType = b.resultType;
        this.resultKind = b.resultKind;
        this.ignoreResult = b.ignoreResult;
        this.maxRetries = b.maxRetries;
        this.retryBackoff = b.retryBackoff;
        this.retryBackoffMax = b.retryBackoffMax;
        this.retryOn = List.copyOf(b.retryOn);
        this.noRetryOn = List.copyOf(b.noRetryOn);
        this.softTimeLimit = b.softTimeLimit;
        this.timeLimit = b.timeLimit;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** The task name. */
    public String name() {
        return name;
    }

    /** The queue declared on {@code @Task}, or {@code null} for the default queue. */
    /** The task's {@code @Periodic} schedule, or {@code null}. */
    public ScheduledTask periodic() {
        return periodic;
    }

    public String queue() {
        return queue;
    }

    /** The method, as {@code org.acme.Tasks#add}, for messages. */
    public String method() {
        return method;
    }

    public Invoker<Object, Object> invoker() {
        return invoker;
    }

    public List<TaskParameter> parameters() {
        return parameters;
    }

    /** How many parameters take arguments from the message (all but a {@code TaskContext}). */
    public int argumentCount() {
        return argumentCount;
    }

    /** The type of the value the task produces (the {@code T} of a {@code Uni<T>}), or {@code null} for void. */
    public JavaType resultType() {
        return resultType;
    }

    public ResultKind resultKind() {
        return resultKind;
    }

    public boolean ignoreResult() {
        return ignoreResult;
    }

    /** Declared max retries, or -1 for the configured default. */
    public int maxRetries() {
        return maxRetries;
    }

    /** Declared first retry delay, or {@code null} for the configured default. */
    public Duration retryBackoff() {
        return retryBackoff;
    }

    /** Declared longest retry delay, or {@code null} for the configured default. */
    public Duration retryBackoffMax() {
        return retryBackoffMax;
    }

    public List<Class<? extends Throwable>> retryOn() {
        return retryOn;
    }

    public List<Class<? extends Throwable>> noRetryOn() {
        return noRetryOn;
    }

    /** Declared soft time limit, or {@code null} for the configured default. */
    public Duration softTimeLimit() {
        return softTimeLimit;
    }

    /** Declared hard time limit, or {@code null} for the configured default. */
    public Duration timeLimit() {
        return timeLimit;
    }

    @Override
    public String toString() {
        return name + " (" + method + ")";
    }

    /** Assembles a definition; used by generated code. */
    public static final class Builder {
        private final String name;
        private String queue;
        private String method;
        private Invoker<Object, Object> invoker;
        private final List<TaskParameter> parameters = new ArrayList<>();
        private JavaType resultType;
        private ResultKind resultKind = ResultKind.VALUE;
        private boolean ignoreResult;
        private int maxRetries = -1;
        private Duration retryBackoff;
        private Duration retryBackoffMax;
        private final List<Class<? extends Throwable>> retryOn = new ArrayList<>();
        private final List<Class<? extends Throwable>> noRetryOn = new ArrayList<>();
        private Duration softTimeLimit;
        private Duration timeLimit;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        public Builder queue(String queue) {
            this.queue = queue == null || queue.isEmpty() ? null : queue;
            return this;
        }

        public Builder method(String method) {
            this.method = method;
            return this;
        }

        @SuppressWarnings("unchecked")
        public Builder invoker(Invoker<?, ?> invoker) {
            this.invoker = (Invoker<Object, Object>) invoker;
            return this;
        }

        public Builder parameter(String name, JavaType type) {
            parameters.add(new TaskParameter(name, type, false));
            return this;
        }

        public Builder contextParameter(String name) {
            parameters.add(new TaskParameter(name, null, true));
            return this;
        }

        public Builder result(JavaType type, String kind) {
            this.resultType = type;
            this.resultKind = ResultKind.valueOf(kind);
            return this;
        }

        public Builder ignoreResult(boolean ignoreResult) {
            this.ignoreResult = ignoreResult;
            return this;
        }

        public Builder maxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
            return this;
        }

        /** A duration in the forms of {@link Durations#parse(String)}; empty means the configured default. */
        public Builder retryBackoff(String duration) {
            this.retryBackoff = Durations.parseOrNull(duration);
            return this;
        }

        public Builder retryBackoffMax(String duration) {
            this.retryBackoffMax = Durations.parseOrNull(duration);
            return this;
        }

        public Builder retryOn(Class<? extends Throwable> type) {
            retryOn.add(type);
            return this;
        }

        public Builder noRetryOn(Class<? extends Throwable> type) {
            noRetryOn.add(type);
            return this;
        }

        public Builder softTimeLimit(String duration) {
            this.softTimeLimit = Durations.parseOrNull(duration);
            return this;
        }

        public Builder timeLimit(String duration) {
            this.timeLimit = Durations.parseOrNull(duration);
            return this;
        }

        private ScheduledTask periodic;

        /** A {@code @Periodic} schedule; values were validated at build time. */
        public Builder periodic(String scheduleName, String every, String cron, String timeZone, String args,
                String kwargs, String queue) {
            Schedule schedule = every.isEmpty()
                    ? Schedule.cron(cron, ZoneId.of(timeZone.isEmpty() ? "UTC" : timeZone))
                    : Schedule.every(Durations.parse(every));
            ObjectMapper json = new ObjectMapper();
            try {
                this.periodic = new ScheduledTask(scheduleName.isEmpty() ? name : scheduleName, name,
                        queue.isEmpty() ? null : queue, schedule,
                        json.readValue(args, new TypeReference<List<Object>>() {
                        }),
                        json.readValue(kwargs,
                                new TypeReference<Map<String, Object>>() {
                                }));
            } catch (IOException e) {
                throw new IllegalStateException("@Periodic of " + name + ": " + e.getMessage(), e);
            }
            return this;
        }

        public TaskDefinition build() {
            return new TaskDefinition(this);
        }
    }
}
