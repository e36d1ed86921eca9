package io.celeriac.broker;

import java.util.List;

import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;

/**
 * Publishes to a queue made of Redis lists and sorted sets:
 * <ul>
 * <li>priority 0 (the default) due now: {@code LPUSH ready} — one command for the whole batch;</li>
 * <li>priority 1–9 due now: {@code ZADD prioritized} with score {@code priority * 1e13 + now}, plus an empty
 * wake-up token on the ready list so that an idle consumer blocked on it looks;</li>
 * <li>due later: {@code ZADD delayed} with the due time as score; workers promote it when due.</li>
 * </ul>
 */
final class RedisListPublisher implements QueuePublisher {

    /** Scores of prioritized messages: priority in the high digits, enqueue time (ms) below, FIFO within a priority. */
    static final double PRIORITY_WEIGHT = 1e13;

    private final QueueKeys keys;

    RedisListPublisher(QueueKeys keys) {
        this.keys = keys;
    }

    @Override
    public String queue() {
        return keys.queue();
    }

    @Override
    public void appendPublish(List<Request> pipeline, List<OutgoingMessage> messages) {
        Request ready = null;
        Request prioritized = null;
        Request delayed = null;
        long now = System.currentTimeMillis();
        for (OutgoingMessage message : messages) {
            if (message.isDelayed()) {
                if (delayed == null) {
                    delayed = Request.cmd(Command.ZADD).arg(keys.delayed());
                }
                delayed.arg(message.dueAtMillis()).arg(delayedMember(message));
            } else if (message.priority() == 0) {
                if (ready == null) {
                    ready = Request.cmd(Command.LPUSH).arg(keys.ready());
                }
                ready.arg(message.payload());
            } else {
                if (prioritized == null) {
                    prioritized = Request.cmd(Command.ZADD).arg(keys.prioritized());
                }
                prioritized.arg(Long.toString((long) (message.priority() * PRIORITY_WEIGHT) + now)).arg(message.payload());
            }
        }
        if (delayed != null) {
            pipeline.add(delayed);
        }
        if (prioritized != null) {
            pipeline.add(prioritized);
        }
        if (ready != null) {
            pipeline.add(ready);
        } else if (prioritized != null) {
            pipeline.add(Request.cmd(Command.LPUSH).arg(keys.ready()).arg(""));
        }
    }

    /** A delayed set member: the priority digit, then the message (kept unique by its delivery tag). */
    static String delayedMember(OutgoingMessage message) {
        return message.priority() + message.payload();
    }
}
