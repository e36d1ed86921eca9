package io.celeriac.broker;

import java.util.ArrayList;
import java.util.List;

/**
 * Names of the Redis keys of one queue. All share the hash tag {@code {queue}}, so that a queue lives in one
 * Redis Cluster slot and its Lua scripts may touch all of them.
 *
 * @param prefix the configured key prefix ({@code celeriac})
 * @param queue the queue name
 */
public record QueueKeys(String prefix, String queue) {

    public QueueKeys {
        if (queue.isEmpty() || queue.indexOf('{') >= 0 || queue.indexOf('}') >= 0) {
            throw new IllegalArgumentException("Invalid queue name '" + queue + "': it must be non-empty and contain no braces");
        }
    }

    /** {@code <prefix>:{<queue>}:}, the start of every key of the queue. */
    public String base() {
        return prefix + ":{" + queue + "}:";
    }

    /** List of ready messages of priority 0 (producers LPUSH, consumers RPOP). */
    public String ready() {
        return base() + "ready";
    }

    /** Sorted set of ready messages of priority 1 to 9. */
    public String prioritized() {
        return base() + "prioritized";
    }

    /** Sorted set of messages waiting for their due time (countdown, ETA, retry backoff). */
    public String delayed() {
        return base() + "delayed";
    }

    /** Sorted set of consumers and the deadline of their lease. */
    public String consumers() {
        return base() + "consumers";
    }

    /** Hash of the messages a consumer holds in flight. */
    public String inFlight(String consumer) {
        return base() + "inflight:" + consumer;
    }

    /** List into which a consumer's blocking read moves a message. */
    public String landing(String consumer) {
        return base() + "landing:" + consumer;
    }

    /** Stream of ready messages of {@code priority} (stream transport); priority 0 is the plain stream. */
    public String stream(int priority) {
        return priority == 0 ? base() + "stream" : base() + "stream:" + priority;
    }

    /** The streams of priorities 0 to 9, in the order consumers read them. */
    public List<String> streams() {
        List<String> streams = new ArrayList<>(10);
        for (int p = 0; p <= 9; p++) {
            streams.add(stream(p));
        }
        return streams;
    }

    /** List of dead-letter entries. */
    public String deadLetters() {
        return base() + "dead";
    }

    /** Hash counting how often a task's message was recovered from a dead worker. */
    public String redeliveries() {
        return base() + "redeliveries";
    }
}
