package io.celeriac.redis;

import java.util.List;

import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/** Somewhere to send commands and wait for their replies: the shared pool, or a connection of one's own. */
public interface RedisCommands {

    /** Sends one command and waits for its reply. */
    Response send(Request request);

    /** Sends commands pipelined and waits for all replies; fails if any command failed. */
    List<Response> batch(List<Request> requests);
}
