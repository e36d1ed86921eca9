package io.celeriac.broker;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.celeriac.DeadLetter;
import io.celeriac.DeadLetters;
import io.celeriac.redis.RedisGateway;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/** {@link DeadLetters} on the queue's dead-letter list, where workers LPUSH entries as JSON. */
@Singleton
public class RedisDeadLetters implements DeadLetters {

    private final RedisGateway redis;
    private final Broker broker;
    private final ObjectMapper mapper;

    RedisDeadLetters(RedisGateway redis, Broker broker, ObjectMapper mapper) {
        this.redis = redis;
        this.broker = broker;
        this.mapper = mapper;
    }

    @Override
    public List<DeadLetter> list(String queue, int offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative");
        }
        if (limit == 0) {
            return List.of();
        }
        Response entries = redis.send(Request.cmd(Command.LRANGE).arg(broker.keys(queue).deadLetters()).arg(offset)
                .arg(offset + limit - 1));
        List<DeadLetter> letters = new ArrayList<>(entries.size());
        for (Response entry : entries) {
            DeadLetterEntry read = DeadLetterEntry.fromJson(mapper, entry.toString());
            letters.add(new DeadLetter(read.queue(), read.taskId(), read.task(), read.reason(), read.exception(),
                    read.worker(), read.time(), read.message()));
        }
        return letters;
    }

    @Override
    public long count(String queue) {
        return redis.send(Request.cmd(Command.LLEN).arg(broker.keys(queue).deadLetters())).toLong();
    }

    @Override
    public boolean requeue(String queue, String taskId) {
        return requeue(queue, "id", taskId, 1) == 1;
    }

    @Override
    public int requeueTask(String queue, String task) {
        return requeue(queue, "task", task, Integer.MAX_VALUE);
    }

    @Override
    public int requeueAll(String queue) {
        return requeue(queue, "all", "", Integer.MAX_VALUE);
    }

    @Override
    public long purge(String queue) {
        return ListScripts.DEAD_PURGE.run(redis, List.of(broker.keys(queue).deadLetters()), List.of()).toLong();
    }

    private int requeue(String queue, String mode, String value, int max) {
        QueueKeys keys = broker.keys(queue);
        List<String> scriptKeys = new ArrayList<>(12);
        scriptKeys.add(keys.deadLetters());
        scriptKeys.add(keys.redeliveries());
        String transport;
        switch (broker.transport(queue)) {
            case STREAM -> {
                scriptKeys.addAll(keys.streams());
                transport = "stream";
            }
            case CELERY -> {
                scriptKeys.addAll(new KombuKeys(queue).lists());
                transport = "kombu";
            }
            default -> {
                scriptKeys.add(keys.ready());
                scriptKeys.add(keys.prioritized());
                transport = "list";
            }
        }
        return ListScripts.DEAD_REQUEUE.run(redis, scriptKeys,
                List.of(mode, value, Integer.toString(max), transport)).toInteger();
    }
}
