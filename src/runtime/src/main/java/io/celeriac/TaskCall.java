package io.celeriac;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One task invocation ready to send: the task name, its positional arguments and its options.
 * Build with {@link Celeriac#call(String)}, send alone with {@link #send()} or many at once with
 * {@link Celeriac#sendAll(java.util.Collection)}.
 */
public final class TaskCall {

    private final Celeriac celeriac;
    private final String task;
    private final List<Object> args;
    private final TaskOptions options;

    TaskCall(Celeriac celeriac, String task, List<Object> args, TaskOptions options) {
        this.celeriac = celeriac;
        this.task = Objects.requireNonNull(task, "task");
        this.args = args;
        this.options = options;
    }

    /** A call of {@code task} with no arguments and default options, sent through {@code celeriac}. */
    public static TaskCall of(Celeriac celeriac, String task) {
        if (task == null || task.isBlank()) {
            throw new IllegalArgumentException("task name must not be blank");
        }
        return new TaskCall(celeriac, task, List.of(), TaskOptions.defaults());
    }

    /** These positional arguments, replacing any set before. */
    public TaskCall args(Object... args) {
        return new TaskCall(celeriac, task, Arrays.asList(args.clone()), options);
    }

    /** These options, replacing any set before. */
    public TaskCall options(TaskOptions options) {
        return new TaskCall(celeriac, task, args, Objects.requireNonNull(options, "options"));
    }

    /** Adds a keyword argument. */
    public TaskCall kwarg(String name, Object value) {
        return options(options.kwarg(name, value));
    }

    /** Shortcut for {@code options(options().queue(queue))}. */
    public TaskCall queue(String queue) {
        return options(options.queue(queue));
    }

    /** Shortcut for {@code options(options().countdown(countdown))}. */
    public TaskCall countdown(Duration countdown) {
        return options(options.countdown(countdown));
    }

    /** Shortcut for {@code options(options().eta(eta))}. */
    public TaskCall eta(Instant eta) {
        return options(options.eta(eta));
    }

    /** Shortcut for {@code options(options().priority(priority))}. */
    public TaskCall priority(int priority) {
        return options(options.priority(priority));
    }

    /** Shortcut for {@code options(options().taskId(id))}. */
    public TaskCall taskId(String id) {
        return options(options.taskId(id));
    }

    /** Sends this call; returns once the message is stored in Redis. */
    public AsyncResult<Object> send() {
        return celeriac.sendAll(List.of(this)).get(0);
    }

    public String task() {
        return task;
    }

    public List<Object> args() {
        return args;
    }

    public TaskOptions options() {
        return options;
    }

    @Override
    public String toString() {
        return task + args + " " + options;
    }
}
