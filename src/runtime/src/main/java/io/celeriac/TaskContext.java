package io.celeriac;

import java.time.Duration;
import java.util.Optional;

/**
 * The running task's view of itself. Declare a parameter of this type on a {@link Task} method to receive it;
 * it is not one of the task's arguments.
 *
 * <pre>
 * &#64;Task(name = "feeds.fetch", maxRetries = 10)
 * public void fetch(String url, TaskContext context) {
 *     if (rateLimited(url)) {
 *         throw context.retry(Duration.ofSeconds(30), "rate limited by " + url);
 *     }
 *     ...
 * }
 * </pre>
 */
public interface TaskContext {

    /** The task id. */
    String id();

    /** The task name. */
    String taskName();

    /** The queue the message came from. */
    String queue();

    /** How many times this task has been retried before this run (0 on the first run). */
    int retries();

    /** A custom header sent with {@link TaskOptions#header(String, Object)}, as text. */
    Optional<String> header(String name);

    /**
     * Whether the soft time limit has passed. The worker also interrupts the task's thread at that moment, so
     * blocking calls throw {@link InterruptedException}; check this flag to tell a time limit from other
     * interruptions and clean up.
     */
    boolean isSoftTimeLimitExceeded();

    /**
     * Asks for another run of this task after {@code countdown}; the current run ends. Counts against the task's
     * {@link Task#maxRetries()}: past it, the task fails with {@code reason}. Always throws; declared to return
     * an exception so that callers can write {@code throw context.retry(...)}.
     */
    RuntimeException retry(Duration countdown, String reason);

    /** Like {@link #retry(Duration, String)} with the task's backoff as countdown. */
    RuntimeException retry(String reason);
}
