package io.celeriac.control;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

import io.celeriac.redis.RedisGateway;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * What Redis says about itself that matters to a broker, and the warnings a worker logs at start-up: queued
 * tasks are data, so an evicting memory policy or no persistence can lose them.
 */
public final class BrokerCheck {

    private static final Logger LOG = Logger.getLogger(BrokerCheck.class);
    private static final List<String> FIGURES = List.of("redis_version", "uptime_in_seconds", "used_memory_human",
            "maxmemory_human", "maxmemory_policy", "connected_clients", "blocked_clients",
            "instantaneous_ops_per_sec", "aof_enabled", "rdb_last_save_time", "rdb_changes_since_last_save");

    private BrokerCheck() {
    }

    /** The figures of {@code INFO} that matter, plus the RDB save policy when {@code CONFIG GET} is allowed. */
    public static Map<String, String> figures(RedisGateway redis) {
        Map<String, String> all = new LinkedHashMap<>();
        for (String line : redis.send(Request.cmd(Command.INFO)).toString().split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && FIGURES.contains(line.substring(0, colon))) {
                all.put(line.substring(0, colon), line.substring(colon + 1));
            }
        }
        try {
            Response save = redis.send(Request.cmd(Command.CONFIG).arg("GET").arg("save"));
            all.put("rdb_save", save.size() == 2 ? save.get(1).toString() : save.get("save").toString());
        } catch (RuntimeException e) {
            // Managed Redis services often forbid CONFIG: the INFO figures must do.
        }
        return all;
    }

    /** Logs a warning for each setting that could lose queued tasks. */
    public static void warnIfUnsafe(RedisGateway redis) {
        Map<String, String> figures;
        try {
            figures = figures(redis);
        } catch (RuntimeException e) {
            LOG.warnf("Could not check the Redis broker's settings: %s", e.getMessage());
            return;
        }
        String policy = figures.getOrDefault("maxmemory_policy", "noeviction");
        if (!"noeviction".equals(policy)) {
            LOG.warnf("Redis maxmemory-policy is %s: when memory runs out Redis may evict queued tasks and results."
                    + " Set maxmemory-policy noeviction on the Redis used as broker.", policy);
        }
        boolean aof = "1".equals(figures.get("aof_enabled"));
        String save = figures.get("rdb_save");
        if (!aof && save != null && save.isBlank()) {
            LOG.warnf("Redis has no persistence (appendonly no, save \"\"): a Redis restart loses every queued task."
                    + " Set appendonly yes (appendfsync everysec or always) on the Redis used as broker.");
        }
    }
}
