package io.celeriac.control;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.celeriac.CeleriacException;
import io.celeriac.Workers;
import io.celeriac.message.TaskIds;
import io.celeriac.redis.ChannelSubscription;
import io.celeriac.redis.RedisGateway;
import io.celeriac.runtime.CeleriacConfig;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/** {@link Workers}: reads the worker registry and sends control messages on the control channel. */
@Singleton
public class WorkerControl implements Workers {

    private final RedisGateway redis;
    private final ObjectMapper mapper;
    private final Vertx vertx;
    private final WorkerKeys keys;
    private final ControlKeys control;

    WorkerControl(RedisGateway redis, ObjectMapper mapper, Vertx vertx, CeleriacConfig config) {
        this.redis = redis;
        this.mapper = mapper;
        this.vertx = vertx;
        this.keys = new WorkerKeys(config.keyPrefix());
        this.control = new ControlKeys(config.keyPrefix());
    }

    @Override
    public List<WorkerInfo> live() {
        Response ids = redis.send(Request.cmd(Command.ZRANGEBYSCORE).arg(keys.registry())
                .arg(System.currentTimeMillis()).arg("+inf"));
        if (ids == null || ids.size() == 0) {
            return List.of();
        }
        Request get = Request.cmd(Command.MGET);
        for (Response id : ids) {
            get.arg(keys.worker(id.toString()));
        }
        List<WorkerInfo> workers = new ArrayList<>();
        for (Response info : redis.send(get)) {
            if (info != null) {
                workers.add(read(info.toString()));
            }
        }
        return workers;
    }

    private WorkerInfo read(String json) {
        try {
            JsonNode node = mapper.readTree(json);
            List<String> queues = new ArrayList<>();
            node.path("queues").forEach(q -> queues.add(q.asText()));
            List<String> paused = new ArrayList<>();
            node.path("paused").forEach(q -> paused.add(q.asText()));
            List<RunningTask> running = new ArrayList<>();
            node.path("running").forEach(t -> running.add(new RunningTask(t.path("id").asText(),
                    t.path("task").asText(), Instant.parse(t.path("started_at").asText()))));
            return new WorkerInfo(node.path("id").asText(), node.path("name").asText(),
                    node.path("hostname").asText(), node.path("pid").asLong(), queues, node.path("concurrency").asInt(),
                    Instant.parse(node.path("started_at").asText()), node.path("version").asText(),
                    node.path("tasks_done").asLong(), paused, running, Instant.parse(node.path("heartbeat_at").asText()));
        } catch (Exception e) {
            throw new CeleriacException("Unreadable worker registry entry: " + json, e);
        }
    }

    @Override
    public List<String> ping(Duration timeout) {
        String replyTo = control.channel() + ":reply:" + TaskIds.newId();
        List<String> answered = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> subscribed = new CompletableFuture<>();
        ChannelSubscription replies = new ChannelSubscription(redis, vertx, replyTo, payload -> {
            try {
                answered.add(mapper.readTree(payload).path("id").asText());
            } catch (Exception ignored) {
                // not a ping reply
            }
        }, () -> subscribed.complete(null));
        replies.open();
        try {
            subscribed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            broadcast(message("ping", null).put("reply_to", replyTo));
            Thread.sleep(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new CeleriacException("Could not ping workers: " + e.getMessage(), e);
        } finally {
            replies.close();
        }
        return List.copyOf(answered);
    }

    @Override
    public void pause(String queue, String worker) {
        broadcast(message("pause", worker).put("queue", queue));
    }

    @Override
    public void resume(String queue, String worker) {
        broadcast(message("resume", worker).put("queue", queue));
    }

    @Override
    public void shutdown(String worker) {
        broadcast(message("shutdown", worker));
    }

    @Override
    public Map<String, String> brokerInfo() {
        return BrokerCheck.figures(redis);
    }

    private ObjectNode message(String type, String destination) {
        ObjectNode message = mapper.createObjectNode().put("type", type);
        if (destination != null) {
            message.put("destination", destination);
        }
        return message;
    }

    private void broadcast(ObjectNode message) {
        redis.send(Request.cmd(Command.PUBLISH).arg(control.channel()).arg(message.toString()));
    }
}
