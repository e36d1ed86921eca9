package io.celeriac.worker;

import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.celeriac.control.Revocations;
import io.celeriac.redis.ChannelSubscription;
import io.celeriac.redis.RedisGateway;
import io.quarkus.runtime.Quarkus;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;

/**
 * Listens on the control channel for this worker: revocations (kept in {@link RevokedTasks}; with terminate,
 * the running task is interrupted). After every (re)subscription it reloads the revocations from Redis, since
 * broadcasts sent while it was not subscribed are lost.
 */
final class ControlListener {

    private static final Logger LOG = Logger.getLogger(ControlListener.class);

    private final Revocations revocations;
    private final RevokedTasks revoked;
    private final TaskRunner runner;
    private final ObjectMapper mapper;
    private final ChannelSubscription subscription;

    private final Worker worker;
    private final RedisGateway redis;

    ControlListener(RedisGateway redis, Vertx vertx, Revocations revocations, RevokedTasks revoked, TaskRunner runner,
            ObjectMapper mapper, Worker worker) {
        this.worker = worker;
        this.redis = redis;
        this.revocations = revocations;
        this.revoked = revoked;
        this.runner = runner;
        this.mapper = mapper;
        this.subscription = new ChannelSubscription(redis, vertx, revocations.keys().channel(), this::onMessage,
                this::onSubscribed);
    }

    void open() {
        subscription.open();
    }

    void close() {
        subscription.close();
    }

    private void onSubscribed() {
        Thread.ofVirtual().name("celeriac-revocations").start(() -> {
            try {
                revoked.prune();
                revoked.addAll(revocations.load());
            } catch (RuntimeException e) {
                LOG.warnf("Could not reload revocations (%s); the next resubscription tries again", e.getMessage());
            }
        });
    }

    private void reply(JsonNode message, WorkerIdentity me) {
        String channel = message.path("reply_to").asText("");
        if (!channel.isEmpty()) {
            redis.sendAsync(Request.cmd(Command.PUBLISH).arg(channel)
                    .arg(mapper.createObjectNode().put("id", me.consumerId()).put("name", me.name()).toString()));
        }
    }

    private void onMessage(String payload) {
        JsonNode message;
        try {
            message = mapper.readTree(payload);
        } catch (Exception e) {
            LOG.warnf("Ignoring unreadable control message: %s", payload);
            return;
        }
        String destination = message.path("destination").asText("");
        WorkerIdentity me = worker.identity();
        if (!destination.isEmpty() && !destination.equals(me.name()) && !destination.equals(me.consumerId())) {
            return;
        }
        String type = message.path("type").asText();
        switch (type) {
            case "ping" -> reply(message, me);
            case "pause", "resume" -> {
                String queue = message.path("queue").asText();
                if (worker.pause(queue, type.equals("pause"))) {
                    LOG.infof("Worker %s %s queue %s (control command)", me.name(),
                            type.equals("pause") ? "paused" : "resumed", queue);
                }
            }
            case "shutdown" -> {
                LOG.infof("Worker %s shutting down (control command)", me.name());
                Quarkus.asyncExit();
            }
            default -> {
            }
        }
        if ("revoke".equals(type)) {
            long expiry = message.path("expires_ms").asLong(Long.MAX_VALUE);
            List<String> ids = new ArrayList<>();
            message.path("ids").forEach(id -> ids.add(id.asText()));
            ids.forEach(id -> revoked.add(id, expiry));
            if (message.path("terminate").asBoolean()) {
                Thread.ofVirtual().name("celeriac-terminate").start(() -> runner.terminate(ids));
            }
        }
    }
}
