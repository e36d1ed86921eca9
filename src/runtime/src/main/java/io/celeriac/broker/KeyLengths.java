package io.celeriac.broker;

import java.util.ArrayList;
import java.util.List;

import io.celeriac.redis.RedisGateway;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/** The summed length of several keys (LLEN, XLEN, ZCARD), read in one pipelined round trip. */
final class KeyLengths {

    private KeyLengths() {
    }

    static long sum(RedisGateway redis, Command length, List<String> keys) {
        List<Request> requests = new ArrayList<>(keys.size());
        for (String key : keys) {
            requests.add(Request.cmd(length).arg(key));
        }
        long total = 0;
        for (Response reply : redis.batch(requests)) {
            total += reply.toLong();
        }
        return total;
    }
}
