package io.celeriac.redis;

import java.util.function.Consumer;

import org.jboss.logging.Logger;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * A pub/sub subscription to one channel that survives connection loss: it subscribes again by itself, and tells
 * its owner each time it is (re)subscribed, because messages published in between were missed and the owner
 * must catch up from the state kept in Redis.
 */
public final class ChannelSubscription {

    private static final Logger LOG = Logger.getLogger(ChannelSubscription.class);
    private static final long RECONNECT_DELAY_MS = 500;

    private final RedisGateway redis;
    private final Vertx vertx;
    private final String channel;
    private final Consumer<String> onMessage;
    private final Runnable onSubscribed;
    private RedisConnection connection;
    private volatile boolean closed;

    public ChannelSubscription(RedisGateway redis, Vertx vertx, String channel, Consumer<String> onMessage,
            Runnable onSubscribed) {
        this.redis = redis;
        this.vertx = vertx;
        this.channel = channel;
        this.onMessage = onMessage;
        this.onSubscribed = onSubscribed;
    }

    public void open() {
        connect();
    }

    private void connect() {
        if (closed) {
            return;
        }
        redis.connectAsync().onSuccess(conn -> {
            synchronized (this) {
                if (closed) {
                    conn.close();
                    return;
                }
                connection = conn;
            }
            conn.handler(this::onPush);
            conn.exceptionHandler(e -> lost(conn, e));
            conn.endHandler(v -> lost(conn, null));
            conn.send(Request.cmd(Command.SUBSCRIBE).arg(channel)).onFailure(e -> lost(conn, e));
        }).onFailure(e -> {
            LOG.debugf("Cannot subscribe to %s yet: %s", channel, e.getMessage());
            retryLater();
        });
    }

    private void onPush(Response push) {
        if (push == null || push.size() < 3) {
            return;
        }
        String kind = push.get(0).toString();
        if ("subscribe".equals(kind)) {
            // Runs on the event loop: the owner hands blocking catch-up work to another thread.
            onSubscribed.run();
        } else if ("message".equals(kind)) {
            onMessage.accept(push.get(2).toString());
        }
    }

    private void lost(RedisConnection conn, Throwable cause) {
        synchronized (this) {
            if (connection != conn) {
                return;
            }
            connection = null;
        }
        conn.close();
        if (!closed) {
            LOG.warnf("Subscription to %s lost (%s); subscribing again", channel,
                    cause == null ? "connection closed" : cause.getMessage());
            retryLater();
        }
    }

    private void retryLater() {
        if (!closed) {
            vertx.setTimer(RECONNECT_DELAY_MS, id -> connect());
        }
    }

    public void close() {
        closed = true;
        RedisConnection conn;
        synchronized (this) {
            conn = connection;
            connection = null;
        }
        if (conn != null) {
            conn.close();
        }
    }
}
