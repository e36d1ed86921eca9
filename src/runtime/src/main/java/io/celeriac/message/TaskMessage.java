package io.celeriac.message;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One task message in Celery's message protocol v2: the headers that say what to run and how, the properties
 * that say where replies go, and the body {@code [args, kwargs, embed]}.
 *
 * <p>
 * On the producer side {@code args} is an {@code Object[]} or {@code List} and {@code kwargs} a {@code Map} of
 * Java values; on the worker side both are JSON trees. Everything a message carries that Celeriac does not
 * interpret (custom headers, callbacks in {@code embed}) is kept so that a retry re-sends it unchanged.
 *
 * @param id task id
 * @param task task name
 * @param args positional arguments
 * @param kwargs keyword arguments
 * @param embed Celery's callbacks/errbacks/chain/chord object, or {@code null}
 * @param eta earliest run time, or {@code null}
 * @param expires expiry time, or {@code null}
 * @param retries how many retries happened before this message
 * @param rootId id of the first task of the workflow
 * @param parentId id of the task that sent this one, or {@code null}
 * @param group group id, or {@code null}
 * @param softTimeLimit soft time limit in seconds, or {@code null}
 * @param timeLimit hard time limit in seconds, or {@code null}
 * @param ignoreResult whether no result is wanted
 * @param origin the sending process ({@code pid@host})
 * @param replyTo the channel that waits for the result, or {@code null}
 * @param priority 0 (most urgent) to 9
 * @param queue the queue (routing key) it was sent to
 * @param extraHeaders custom and unrecognised headers
 */
public record TaskMessage(
        String id,
        String task,
        Object args,
        Object kwargs,
        JsonNode embed,
        Instant eta,
        Instant expires,
        int retries,
        String rootId,
        String parentId,
        String group,
        Double softTimeLimit,
        Double timeLimit,
        boolean ignoreResult,
        String origin,
        String replyTo,
        int priority,
        String queue,
        Map<String, Object> extraHeaders) {

    /** Header in which Celeriac producers say when they sent a message (epoch ms), for the queue-wait timer. */
    public static final String SENT_HEADER = "celeriac_sent_ms";


    /** The same message for a retry: one more retry counted, due at {@code eta}. */
    public TaskMessage forRetry(Instant newEta) {
        return new TaskMessage(id, task, args, kwargs, embed, newEta, expires, retries + 1, rootId, parentId, group,
                softTimeLimit, timeLimit, ignoreResult, origin, replyTo, priority, queue, extraHeaders);
    }
}
