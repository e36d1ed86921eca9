package io.celeriac.broker;

import java.time.Duration;

import io.celeriac.redis.RedisGateway;
import io.celeriac.redis.RedisUnavailableException;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * A consumer's own connection for blocking reads (BLMOVE, XREADGROUP BLOCK), which would hold a pooled connection
 * for their whole wait. Opened on first use, dropped when it fails, opened again on the next read.
 */
final class BlockingConnection {

    /** Redis answers a blocking read by its own timeout; allow this much more before calling it a network failure. */
    private static final Duration MARGIN = Duration.ofSeconds(5);

    private final RedisGateway redis;
    private RedisConnection connection;

    BlockingConnection(RedisGateway redis) {
        this.redis = redis;
    }

    /** Sends a command that blocks in Redis for up to {@code timeout}; on failure the connection is dropped. */
    Response send(Request blockingRead, Duration timeout) {
        RedisConnection current = open();
        try {
            return RedisGateway.await(current.send(blockingRead), timeout.plus(MARGIN), blockingRead);
        } catch (RedisUnavailableException e) {
            close();
            throw e;
        }
    }

    private synchronized RedisConnection open() {
        if (connection == null) {
            RedisConnection opened = redis.connect();
            opened.exceptionHandler(e -> close());
            opened.endHandler(v -> close());
            connection = opened;
        }
        return connection;
    }

    synchronized void close() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }
}
