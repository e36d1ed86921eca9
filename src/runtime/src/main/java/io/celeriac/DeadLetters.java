package io.celeriac;

import java.util.List;

/**
 * The dead-letter store of each queue: messages that failed for good (retries exhausted, unknown task,
 * undecodable, oversized, arguments that do not bind, lost with their worker too often). Inject it to inspect,
 * requeue or purge them. Requeued messages go back to the front of their queue intact, under the same task id;
 * a message dead-lettered after its last retry keeps its retry count, so it gets one more run unless its task
 * allows more retries.
 */
public interface DeadLetters {

    /** Up to {@code limit} entries of {@code queue}, newest first, skipping the first {@code offset}. */
    List<DeadLetter> list(String queue, int offset, int limit);

    /** How many entries {@code queue} holds. */
    long count(String queue);

    /** Requeues the entry of task {@code taskId}; {@code false} if there is none. */
    boolean requeue(String queue, String taskId);

    /** Requeues every entry of {@code queue} whose task is named {@code task}; returns how many. */
    int requeueTask(String queue, String task);

    /** Requeues every entry of {@code queue}; returns how many. */
    int requeueAll(String queue);

    /** Deletes every entry of {@code queue}; returns how many. */
    long purge(String queue);
}
