package io.celeriac.broker;

import java.util.List;

import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;

/**
 * Publishes to a queue made of Redis streams, one per priority: {@code XADD} on the stream of the message's
 * priority, or {@code ZADD} on the delayed set (shared with the list transport) when it is due later. A batch
 * is one pipelined round trip.
 */
final class StreamPublisher implements QueuePublisher {

    private final QueueKeys keys;

    StreamPublisher(QueueKeys keys) {
        this.keys = keys;
    }

    @Override
    public String queue() {
        return keys.queue();
    }

    @Override
    public void appendPublish(List<Request> pipeline, List<OutgoingMessage> messages) {
        Request delayed = null;
        for (OutgoingMessage message : messages) {
            if (message.isDelayed()) {
                if (delayed == null) {
                    delayed = Request.cmd(Command.ZADD).arg(keys.delayed());
                }
                delayed.arg(message.dueAtMillis()).arg(RedisListPublisher.delayedMember(message));
            } else {
                pipeline.add(Request.cmd(Command.XADD).arg(keys.stream(message.priority())).arg("*").arg("m")
                        .arg(message.payload()));
            }
        }
        if (delayed != null) {
            pipeline.add(delayed);
        }
    }
}
