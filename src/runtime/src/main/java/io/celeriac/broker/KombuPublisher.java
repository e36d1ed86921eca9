package io.celeriac.broker;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;

/**
 * Publishes to a Celery-compatible queue as kombu does: {@code LPUSH} on the list of the message's priority.
 * Messages due later go there too, with their ETA in the headers, because a Celery worker reading the queue
 * expects them there; a Celeriac worker that takes one early parks it in the delayed set until it is due.
 */
final class KombuPublisher implements QueuePublisher {

    private final KombuKeys keys;

    KombuPublisher(KombuKeys keys) {
        this.keys = keys;
    }

    @Override
    public String queue() {
        return keys.queue();
    }

    @Override
    public void appendPublish(List<Request> pipeline, List<OutgoingMessage> messages) {
        Map<String, Request> byList = new LinkedHashMap<>();
        for (OutgoingMessage message : messages) {
            byList.computeIfAbsent(keys.list(message.priority()), list -> Request.cmd(Command.LPUSH).arg(list))
                    .arg(message.payload());
        }
        pipeline.addAll(byList.values());
    }
}
