package io.celeriac.broker;

import java.util.List;

import io.vertx.redis.client.Request;

/** Stores messages in one queue; the producer side of a transport. */
public interface QueuePublisher {

    /** The queue. */
    String queue();

    /**
     * Adds the commands that store {@code messages} to {@code pipeline}, so that one round trip can publish to
     * several queues.
     */
    void appendPublish(List<Request> pipeline, List<OutgoingMessage> messages);
}
