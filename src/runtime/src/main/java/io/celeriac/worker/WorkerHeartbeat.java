package io.celeriac.worker;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.celeriac.Workers;
import io.celeriac.broker.QueueConsumer;
import io.celeriac.control.WorkerKeys;
import io.celeriac.redis.RedisGateway;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;

/**
 * Announces this worker in Redis every {@link #INTERVAL}: what it is, what it runs, how much it has done. The
 * entry expires after three missed beats, so a dead worker drops out of the registry by itself. Each beat also
 * samples the depth of the consumed queues for the gauges.
 */
final class WorkerHeartbeat implements Runnable {

    private static final Logger LOG = Logger.getLogger(WorkerHeartbeat.class);
    /** Often enough that the registry is fresh, rarely enough to cost nothing. */
    static final Duration INTERVAL = Duration.ofSeconds(5);

    private final RedisGateway redis;
    private final ObjectMapper mapper;
    private final WorkerKeys keys;
    private final WorkerIdentity identity;
    private final List<QueueConsumer> consumers;
    private final int concurrency;
    private final Instant startedAt = Instant.now();
    private final Supplier<Long> tasksDone;
    private final Supplier<List<Workers.RunningTask>> running;
    private final Supplier<List<String>> paused;
    private final Map<String, Long> depths = new ConcurrentHashMap<>();
    private volatile boolean stopped;
    private volatile Thread thread;

    WorkerHeartbeat(RedisGateway redis, ObjectMapper mapper, WorkerKeys keys, WorkerIdentity identity,
            List<QueueConsumer> consumers, int concurrency, Supplier<Long> tasksDone,
            Supplier<List<Workers.RunningTask>> running, Supplier<List<String>> paused) {
        this.redis = redis;
        this.mapper = mapper;
        this.keys = keys;
        this.identity = identity;
        this.consumers = consumers;
        this.concurrency = concurrency;
        this.tasksDone = tasksDone;
        this.running = running;
        this.paused = paused;
    }

    /** The depth of {@code queue} at the last beat. */
    long depth(String queue) {
        return depths.getOrDefault(queue, 0L);
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        while (!stopped) {
            try {
                beat();
            } catch (RuntimeException e) {
                LOG.debugf("Worker heartbeat failed (%s); next one in %s", e.getMessage(), INTERVAL);
            }
            try {
                Thread.sleep(INTERVAL.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    void beat() {
        for (QueueConsumer consumer : consumers) {
            depths.put(consumer.queue(), consumer.depth());
        }
        long now = System.currentTimeMillis();
        long ttl = INTERVAL.toMillis() * 3;
        ObjectNode info = mapper.createObjectNode()
                .put("id", identity.consumerId()).put("name", identity.name()).put("hostname", identity.hostname())
                .put("pid", identity.pid()).put("concurrency", concurrency).put("started_at", startedAt.toString())
                .put("version", Version.CELERIAC).put("tasks_done", tasksDone.get())
                .put("heartbeat_at", Instant.ofEpochMilli(now).toString());
        consumers.forEach(c -> info.withArray("queues").add(c.queue()));
        paused.get().forEach(info.putArray("paused")::add);
        for (Workers.RunningTask task : running.get()) {
            info.withArray("running").addObject().put("id", task.id()).put("task", task.task())
                    .put("started_at", task.startedAt().toString());
        }
        redis.batch(List.of(
                Request.cmd(Command.SET).arg(keys.worker(identity.consumerId())).arg(info.toString()).arg("PX").arg(ttl),
                Request.cmd(Command.ZADD).arg(keys.registry()).arg(now + ttl).arg(identity.consumerId()),
                Request.cmd(Command.ZREMRANGEBYSCORE).arg(keys.registry()).arg("-inf").arg(now)));
    }

    void stop() {
        stopped = true;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
        try {
            redis.batch(List.of(Request.cmd(Command.DEL).arg(keys.worker(identity.consumerId())),
                    Request.cmd(Command.ZREM).arg(keys.registry()).arg(identity.consumerId())));
        } catch (RuntimeException e) {
            LOG.debugf("Could not remove this worker from the registry (%s); it expires by itself", e.getMessage());
        }
    }
}
