package io.celeriac;

import java.time.Instant;

/**
 * A message that will not run again unless requeued, with why it ended here.
 *
 * @param queue the queue it came from
 * @param taskId the task id, or {@code null} when the message was unreadable
 * @param task the task name, or {@code null} when unreadable
 * @param reason why it was dead-lettered ("unknown task ...", "failed after 3 retries", ...)
 * @param exception the error type and message that ended it, or {@code null}
 * @param worker the worker that dead-lettered it; for a message whose workers kept dying, the consumer that held
 *        it last ({@code null} on Celery's kombu queues, whose bookkeeping does not record it)
 * @param time when
 * @param message the message exactly as it was in the queue
 */
public record DeadLetter(String queue, String taskId, String task, String reason, String exception, String worker,
        Instant time, String message) {
}
