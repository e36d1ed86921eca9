package io.celeriac.redis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import io.vertx.core.Future;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * A connection owned by one thread that talks to Redis all the time: a consumer loop (its blocking reads, which
 * would hold a pooled connection for their whole wait, and its fetches) or the result writer. Skipping the pool's
 * acquire and release on every command saves event-loop work on the hot path. Opened on first use, dropped when
 * a command fails, opened again by the next one.
 */
public final class DedicatedConnection implements RedisCommands {

    /** Redis answers a blocking read by its own timeout; allow this much more before calling it a network failure. */
    private static final Duration MARGIN = Duration.ofSeconds(5);

    private final RedisGateway redis;
    private final AtomicReference<RedisConnection> connection = new AtomicReference<>();

    public DedicatedConnection(RedisGateway redis) {
        this.redis = redis;
    }

    /** Sends a command that blocks in Redis for up to {@code timeout}; on failure the connection is dropped. */
    public Response sendBlocking(Request blockingRead, Duration timeout) {
        return call(connection -> connection.send(blockingRead), timeout.plus(MARGIN), blockingRead);
    }

    /**
     * Sends a pipeline that starts with a command blocking in Redis for up to {@code timeout}; the commands behind it
     * run as soon as it returns, without a round trip to this client.
     */
    public List<Response> batchBlocking(List<Request> requests, Duration timeout) {
        return call(connection -> connection.batch(requests), timeout.plus(MARGIN), requests.get(0));
    }

    @Override
    public Response send(Request request) {
        return call(connection -> connection.send(request), RedisGateway.DEFAULT_TIMEOUT, request);
    }

    @Override
    public List<Response> batch(List<Request> requests) {
        return call(connection -> connection.batch(requests), RedisGateway.DEFAULT_TIMEOUT,
                requests.isEmpty() ? null : requests.get(0));
    }

    private <T> T call(Function<RedisConnection, Future<T>> command, Duration timeout, Request described) {
        RedisConnection current = open();
        try {
            return RedisGateway.await(command.apply(current), timeout, described);
        } catch (RedisUnavailableException e) {
            // A NOSCRIPT reply leaves the connection usable (the caller retries with EVAL on it); any other
            // failure may have broken it.
            if (!RedisGateway.isNoScript(e)) {
                close();
            }
            throw e;
        }
    }

    private RedisConnection open() {
        RedisConnection current = connection.get();
        if (current != null) {
            return current;
        }
        RedisConnection opened = redis.connect();
        opened.exceptionHandler(e -> dropIfCurrent(opened));
        opened.endHandler(v -> dropIfCurrent(opened));
        if (connection.compareAndSet(null, opened)) {
            return opened;
        }
        opened.close();
        return open();
    }

    /**
     * Called by the event loop while the client holds the connection's own lock: it takes no lock of ours, and
     * {@link #close()} calls into the client holding none, so the two cannot deadlock.
     */
    private void dropIfCurrent(RedisConnection which) {
        if (connection.compareAndSet(which, null)) {
            which.close();
        }
    }

    /** Closes the connection; the next command opens a new one. */
    public void close() {
        RedisConnection current = connection.getAndSet(null);
        if (current != null) {
            current.close();
        }
    }
}
