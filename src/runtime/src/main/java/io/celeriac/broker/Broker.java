package io.celeriac.broker;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import io.celeriac.message.BodyEncoding;
import io.celeriac.redis.RedisGateway;
import io.celeriac.runtime.CeleriacConfig;

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
        return BodyEncoding.INLINE;
    }

    public QueuePublisher publisher(String queue) {
        return publishers.computeIfAbsent(queue, q -> new RedisListPublisher(keys(q)));
    }

    /** A new consumer of {@code queue} identified by {@code consumerId}, unique to this worker process. */
    public QueueConsumer consumer(String queue, String consumerId) {
        CeleriacConfig.WorkerConfig worker = config.worker();
        return new RedisListConsumer(redis, keys(queue), consumerId, worker.leaseDuration(), worker.maxRedeliveries());
    }
}
