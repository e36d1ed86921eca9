package io.celeriac;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import com.fasterxml.jackson.core.type.TypeReference;

import io.smallrye.mutiny.Uni;

/**
 * A handle on a sent task: its id, its state, and its result once there is one.
 *
 * <p>
 * Waiting costs no polling: every process holds one Redis subscription on which workers announce the results
 * of the tasks it sent. A task that ends in FAILURE makes {@link #get(Duration)} throw a
 * {@link TaskFailedException} carrying the remote error's type, message and trace; a REVOKED one a
 * {@link TaskRevokedException}.
 *
 * @param <T> the type the result is read as
 */
public interface AsyncResult<T> {

    /** The task id. */
    String id();

    /** The current state, read from the result backend. */
    TaskState state();

    /** What the result backend holds for this task, if anything yet. */
    Optional<TaskInfo> info();

    /**
     * Waits for the task to finish and returns its result.
     *
     * @throws TaskFailedException when it ended in FAILURE
     * @throws TaskRevokedException when it was revoked or expired
     * @throws TaskTimeoutException when it has not finished within {@code timeout}
     */
    T get(Duration timeout);

    /** Emits the result when the task finishes (or fails as {@link #get(Duration)} throws); add your own timeout. */
    Uni<T> await();

    /** Completes with the result when the task finishes. */
    CompletionStage<T> toCompletionStage();

    /** The same task, with its result read as {@code type}. */
    <R> AsyncResult<R> as(Class<R> type);

    /** The same task, with its result read as a generic type, e.g. {@code new TypeReference<List<Point>>() {}}. */
    <R> AsyncResult<R> as(TypeReference<R> type);
}
