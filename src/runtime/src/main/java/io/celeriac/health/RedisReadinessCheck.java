package io.celeriac.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.celeriac.redis.RedisGateway;
import io.celeriac.worker.Worker;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;

/**
 * Ready when Redis answers and, in a worker, every configured consumer loop runs. Registered only when SmallRye
 * Health is present.
 */
@Readiness
@ApplicationScoped
public class RedisReadinessCheck implements HealthCheck {

    private final RedisGateway redis;
    private final Worker worker;

    RedisReadinessCheck(RedisGateway redis, Worker worker) {
        this.redis = redis;
        this.worker = worker;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Celeriac").up();
        try {
            redis.send(Request.cmd(Command.PING));
            response.withData("redis", "reachable");
        } catch (RuntimeException e) {
            response.down().withData("redis", "unreachable: " + e.getMessage());
        }
        if (worker.isRunning()) {
            for (Worker.LoopStatus loop : worker.loops()) {
                response.withData("queue " + loop.queue(), loop.alive() ? "consuming" : "consumer stopped");
                if (!loop.alive()) {
                    response.down();
                }
            }
            response.withData("running tasks", worker.busySlots());
        }
        return response.build();
    }
}
