package io.celeriac;

import java.util.Collection;
import java.util.List;

/**
 * Sends tasks and finds their results. Inject it anywhere:
 *
 * <pre>
 * &#64;Inject Celeriac celeriac;
 *
 * AsyncResult&lt;Object&gt; r = celeriac.send("tasks.add", 2, 3);
 * int sum = r.as(Integer.class).get(Duration.ofSeconds(5));
 *
 * celeriac.call("reports.build").args(month).countdown(Duration.ofMinutes(10)).priority(5).send();
 * celeriac.sendAll(List.of(celeriac.call("mail.send").args(a), celeriac.call("mail.send").args(b)));
 * </pre>
 *
 * Every send returns once Redis has stored the message, so a task that was sent is never lost afterwards.
 * The result of a task defined in this application is read as its method's return type; for other tasks use
 * {@link AsyncResult#as(Class)}.
 */
public interface Celeriac {

    /** Sends {@code task} with positional arguments and default options. */
    AsyncResult<Object> send(String task, Object... args);

    /** Sends {@code task} with positional arguments and these options. */
    AsyncResult<Object> send(String task, TaskOptions options, Object... args);

    /** Starts building a call of {@code task}; finish with {@link TaskCall#send()}. */
    default TaskCall call(String task) {
        return TaskCall.of(this, task);
    }

    /**
     * Sends all calls in one Redis round trip; returns their handles in the same order. Either every message is
     * stored or the method throws.
     */
    List<AsyncResult<Object>> sendAll(Collection<TaskCall> calls);

    /** A handle on the task with this id, whether or not this process sent it. */
    AsyncResult<Object> result(String taskId);

    /** A handle on the task with this id whose result is read as {@code type}. */
    <T> AsyncResult<T> result(String taskId, Class<T> type);

    /**
     * Revokes a task: if it is still queued or delayed, it will not run, and its state becomes REVOKED when a
     * worker meets it. A task already running goes on. The revocation is kept in Redis for
     * {@code celeriac.revocation.expires}, so workers started later honour it too.
     */
    default void revoke(String taskId) {
        revoke(taskId, false);
    }

    /**
     * Revokes a task; with {@code terminate}, a running task's thread is also interrupted and its state becomes
     * REVOKED (reason "terminated") at once. Terminate is for runaway tasks: the interrupted code decides how it
     * stops.
     */
    void revoke(String taskId, boolean terminate);
}
