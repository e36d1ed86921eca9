package io.celeriac.redis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.inject.Singleton;

import io.celeriac.runtime.CeleriacBuildTimeConfig;
import io.quarkus.arc.Arc;
import io.quarkus.redis.client.RedisClientName;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * Celeriac's access to Redis: the Quarkus Redis client it is configured to use, with blocking calls for the
 * virtual threads that workers and producers run on.
 *
 * <p>
 * Ordinary commands borrow a pooled connection for one round trip. Blocking reads and the result subscription
 * need a connection of their own for a long time: {@link #connect()} hands one out.
 */
@Singleton
public class RedisGateway implements RedisCommands {

    /** Longer than any blocking read Celeriac issues, short enough that a dead server is noticed. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final Redis redis;

    RedisGateway(CeleriacBuildTimeConfig config) {
        this.redis = config.client()
                .map(name -> Arc.container().select(Redis.class, RedisClientName.Literal.of(name)).get())
                .orElseGet(() -> Arc.container().select(Redis.class).get());
    }

    @Override
    public Response send(Request request) {
        return await(redis.send(request), DEFAULT_TIMEOUT, request);
    }

    /** Sends one command without waiting. */
    public Future<Response> sendAsync(Request request) {
        return redis.send(request);
    }

    @Override
    public List<Response> batch(List<Request> requests) {
        return await(redis.batch(requests), DEFAULT_TIMEOUT, requests.isEmpty() ? null : requests.get(0));
    }

    /** Sends commands pipelined on one connection without waiting. */
    public Future<List<Response>> batchAsync(List<Request> requests) {
        return redis.batch(requests);
    }

    /** A connection for the caller alone (a blocking read, a subscription); the caller closes it. */
    public RedisConnection connect() {
        return await(redis.connect(), DEFAULT_TIMEOUT, null);
    }

    /** Asks for a connection of the caller's own without waiting. */
    public Future<RedisConnection> connectAsync() {
        return redis.connect();
    }

    /** Waits for a Vert.x future from a (virtual) worker thread, turning failures into {@link RedisUnavailableException}. */
    public static <T> T await(Future<T> future, Duration timeout, Request request) {
        if (Context.isOnEventLoopThread()) {
            // The reply would be handled by this very thread: waiting for it here can only time out.
            throw new IllegalStateException("Celeriac was called on a Vert.x event loop thread, where it must not block"
                    + " waiting for Redis: call it from a worker or virtual thread (@Blocking, @RunOnVirtualThread),"
                    + " or use a @TaskClient method returning Uni or CompletionStage");
        }
        try {
            return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new RedisUnavailableException(describe(request) + " failed: " + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new RedisUnavailableException(describe(request) + " got no reply within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisUnavailableException(describe(request) + " interrupted", e);
        }
    }

    /** Whether a failure is Redis's NOSCRIPT reply (script cache empty, e.g. after a restart). */
    public static boolean isNoScript(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("NOSCRIPT")) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Request request) {
        return request == null ? "Redis" : "Redis " + request.command();
    }
}
