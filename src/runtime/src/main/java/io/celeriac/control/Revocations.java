package io.celeriac.control;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.celeriac.CeleriacException;
import io.celeriac.redis.RedisGateway;
import io.celeriac.redis.RedisUnavailableException;
import io.celeriac.runtime.CeleriacConfig;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;

/**
 * Revocations kept in Redis: a sorted set of revoked task ids, each until its expiry, which every worker loads
 * when it starts, plus a broadcast on the control channel so that running workers learn at once (and can
 * terminate a running task).
 */
@Singleton
public class Revocations {

    private final RedisGateway redis;
    private final ObjectMapper mapper;
    private final ControlKeys keys;
    private final Duration ttl;

    Revocations(RedisGateway redis, ObjectMapper mapper, CeleriacConfig config) {
        this.redis = redis;
        this.mapper = mapper;
        this.keys = new ControlKeys(config.keyPrefix());
        this.ttl = config.revocation().expires();
    }

    public ControlKeys keys() {
        return keys;
    }

    /** Revokes tasks: queued or delayed ones never run; with {@code terminate}, running ones are interrupted. */
    public void revoke(Collection<String> taskIds, boolean terminate) {
        if (taskIds.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        long expiry = now + ttl.toMillis();
        Request add = Request.cmd(Command.ZADD).arg(keys.revoked());
        for (String id : taskIds) {
            add.arg(expiry).arg(id);
        }
        ObjectNode broadcast = mapper.createObjectNode().put("type", "revoke").put("terminate", terminate)
                .put("expires_ms", expiry);
        taskIds.forEach(broadcast.putArray("ids")::add);
        try {
            redis.batch(List.of(add,
                    Request.cmd(Command.ZREMRANGEBYSCORE).arg(keys.revoked()).arg("-inf").arg(now),
                    Request.cmd(Command.PUBLISH).arg(keys.channel()).arg(broadcast.toString())));
        } catch (RedisUnavailableException e) {
            throw new CeleriacException("Could not revoke " + taskIds + ": " + e.getMessage(), e);
        }
    }

    /** The revocations in force now: task id → expiry (epoch ms). */
    public List<Revoked> load() {
        Response reply = redis.send(Request.cmd(Command.ZRANGEBYSCORE).arg(keys.revoked())
                .arg(System.currentTimeMillis()).arg("+inf").arg("WITHSCORES"));
        List<Revoked> revoked = new ArrayList<>();
        // RESP2 gives a flat [member, score, ...]; RESP3 gives [[member, score], ...].
        for (int i = 0; i < reply.size(); i++) {
            Response item = reply.get(i);
            if (item.size() == 2 && item.type() == ResponseType.MULTI) {
                revoked.add(new Revoked(item.get(0).toString(), item.get(1).toDouble().longValue()));
            } else {
                revoked.add(new Revoked(item.toString(), reply.get(++i).toDouble().longValue()));
            }
        }
        return revoked;
    }

    /** One revocation: a task id and when it expires. */
    public record Revoked(String taskId, long expiresAtMillis) {
    }
}
