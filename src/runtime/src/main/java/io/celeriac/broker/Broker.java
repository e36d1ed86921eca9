package io.celeriac.broker;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import io.celeriac.message.BodyEncoding;
import io.celeriac.redis.RedisGateway;
import io.celeriac.runtime.CeleriacConfig;
import io.celeriac.runtime.CeleriacConfig.Transport;

/** Hands out the publisher and consumers of each queue, built for the transport the queue is configured with. */
@Singleton
public class Broker {

    private final RedisGateway redis;
    private final CeleriacConfig config;
    private final Map<String, QueuePublisher> publishers = new ConcurrentHashMap<>();

    Broker(RedisGateway redis, CeleriacConfig config) {
        this.redis = redis;
        this.config = config;
    }

    /** The key names of {@code queue}. */
    public QueueKeys keys(String queue) {
        return new QueueKeys(config.keyPrefix(), queue);
    }

    /** How message bodies are written for {@code queue}. */
    public BodyEncoding bodyEncoding(String queue) {
        // Celery reads only kombu's base64 bodies; Celeriac's own queues keep the body inline (smaller, faster).
        return transport(queue) == Transport.CELERY ? BodyEncoding.BASE64 : BodyEncoding.INLINE;
    }

    /** The transport {@code queue} is configured with. */
    public Transport transport(String queue) {
        CeleriacConfig.QueueConfig settings = config.queues().get(queue);
        return settings == null ? config.transport() : settings.transport().orElse(config.transport());
    }

    public QueuePublisher publisher(String queue) {
        return publishers.computeIfAbsent(queue, q -> switch (transport(q)) {
            case CELERY -> new KombuPublisher(new KombuKeys(q));
            case STREAM -> new StreamPublisher(keys(q));
            case LIST -> new RedisListPublisher(keys(q));
        });
    }

    /** A new consumer of {@code queue} identified by {@code consumerId}, unique to this worker process. */
    public QueueConsumer consumer(String queue, String consumerId) {
        CeleriacConfig.WorkerConfig worker = config.worker();
        return switch (transport(queue)) {
            case CELERY -> new KombuConsumer(redis, new KombuKeys(queue), keys(queue),
                    config.queues().get(queue).visibilityTimeout(), worker.maxRedeliveries());
            case STREAM -> new StreamConsumer(redis, keys(queue), consumerId, worker.leaseDuration(),
                    worker.maxRedeliveries());
            case LIST -> new RedisListConsumer(redis, keys(queue), consumerId, worker.leaseDuration(),
                    worker.maxRedeliveries());
        };
    }
}
