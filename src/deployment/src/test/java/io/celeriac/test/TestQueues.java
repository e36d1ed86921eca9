package io.celeriac.test;

import java.util.concurrent.atomic.AtomicLong;

import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;

/**
 * Raw access to a queue's storage for tests that must put garbage in or take messages out behind Celeriac's
 * back, for whichever transport the run uses: the behaviour suite runs once on lists and once on streams
 * ({@code -Dceleriac.transport=stream}).
 */
public final class TestQueues {

    /** The consumer id of the dead worker that {@link #heldByDeadWorker} makes up. */
    public static final String DEAD_CONSUMER = "ghost@nowhere:1:dead";

    /** Delivery tags of the messages dead workers hold. */
    private static final AtomicLong GHOST_TAGS = new AtomicLong();

    private TestQueues() {
    }

    public static boolean streams() {
        return "stream".equalsIgnoreCase(System.getProperty("celeriac.transport", "list"));
    }

    private static String base(String queue) {
        return "celeriac:{" + queue + "}:";
    }

    /** Puts {@code payload} in the queue as a producer would, whatever it contains. */
    public static void push(RedisDataSource redis, String queue, String payload) {
        if (streams()) {
            redis.execute("XADD", base(queue) + "stream", "*", "m", payload);
        } else {
            redis.execute("LPUSH", base(queue) + "ready", payload);
        }
    }

    /** Removes and returns the oldest waiting message of priority 0, or {@code null}. */
    public static String take(RedisDataSource redis, String queue) {
        if (streams()) {
            Response entries = redis.execute("XRANGE", base(queue) + "stream", "-", "+", "COUNT", "1");
            if (entries == null || entries.size() == 0) {
                return null;
            }
            Response entry = entries.get(0);
            redis.execute("XDEL", base(queue) + "stream", entry.get(0).toString());
            return entry.get(1).get(1).toString();
        }
        Response popped = redis.execute("RPOP", base(queue) + "ready");
        return popped == null ? null : popped.toString();
    }

    /** How many messages wait in the queue (not delayed, not in flight). */
    public static long waiting(RedisDataSource redis, String queue) {
        if (streams()) {
            // Settled entries are deleted: what remains waits or runs; count those not yet delivered.
            Response groups = redis.execute("XINFO", "GROUPS", base(queue) + "stream");
            long length = redis.execute("XLEN", base(queue) + "stream").toLong();
            long pending = 0;
            for (Response group : groups) {
                pending += group.get("pending").toLong();
            }
            return length - pending;
        }
        return redis.execute("LLEN", base(queue) + "ready").toLong();
    }

    /** How many messages of the queue workers hold in flight. */
    public static long inFlight(RedisDataSource redis, String queue) {
        long held = 0;
        if (streams()) {
            if (redis.execute("EXISTS", base(queue) + "stream").toLong() == 0) {
                return 0;
            }
            for (Response group : redis.execute("XINFO", "GROUPS", base(queue) + "stream")) {
                held += group.get("pending").toLong();
            }
            return held;
        }
        for (Response key : redis.execute("KEYS", base(queue) + "inflight:*")) {
            held += redis.execute("HLEN", key.toString()).toLong();
        }
        return held;
    }

    /**
     * Puts {@code message} in flight for the live consumer {@code consumerId} behind its back, as a fetch whose
     * reply was lost would leave it: the worker holds it without knowing.
     */
    public static void heldUnknowingly(RedisDataSource redis, String queue, String consumerId, String message) {
        if (streams()) {
            // Added and read in one script: a blocked read of the worker cannot take it in between.
            redis.execute("EVAL", "redis.call('XADD', KEYS[1], '*', 'm', ARGV[1]) "
                    + "redis.call('XREADGROUP', 'GROUP', 'celeriac', ARGV[2], 'COUNT', '1', 'STREAMS', KEYS[1], '>')",
                    "1", base(queue) + "stream", message, consumerId);
        } else {
            redis.execute("HSET", base(queue) + "inflight:" + consumerId, "stranded-1", message);
        }
    }

    /** Makes {@code message} look held by a worker that died long ago, as its crash would leave it. */
    public static void heldByDeadWorker(RedisDataSource redis, String queue, String message) {
        if (streams()) {
            // One script: a live worker blocked on the stream must not read the entry before the ghost does.
            redis.execute("EVAL", "redis.call('XADD', KEYS[1], '*', 'm', ARGV[2])"
                    + " redis.call('XREADGROUP', 'GROUP', 'celeriac', ARGV[1], 'COUNT', '1', 'STREAMS', KEYS[1], '>')",
                    "1", base(queue) + "stream", DEAD_CONSUMER, message);
        } else {
            // Each message under its own field: the ghost may hold several until the next recovery.
            redis.execute("HSET", base(queue) + "inflight:" + DEAD_CONSUMER,
                    Long.toString(GHOST_TAGS.incrementAndGet()), message);
            redis.execute("ZADD", base(queue) + "consumers", Long.toString(System.currentTimeMillis() - 60_000),
                    DEAD_CONSUMER);
        }
    }

    /**
     * Makes {@code message}, a Celery-compatible ({@code celery} transport) queue's message, look taken by a worker
     * that died long ago: unacknowledged in kombu's bookkeeping since long before any visibility timeout.
     */
    public static void heldByDeadCeleryWorker(RedisDataSource redis, String queue, String message) {
        String tag = "ghost-" + GHOST_TAGS.incrementAndGet();
        redis.execute("HSET", "unacked", tag, "[" + message + ", \"\", \"" + queue + "\"]");
        redis.execute("ZADD", "unacked_index", "1", tag);
    }

    /**
     * Makes it look as if the message of {@code taskId} had been recovered from dead workers {@code times} times
     * already: the next recovery counts one more.
     */
    public static void recoveredBefore(RedisDataSource redis, String queue, String taskId, int times) {
        redis.execute("HSET", base(queue) + "redeliveries", taskId, Integer.toString(times));
    }
}
