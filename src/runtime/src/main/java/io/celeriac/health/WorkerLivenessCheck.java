package io.celeriac.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

import io.celeriac.runtime.CeleriacConfig;
import io.celeriac.worker.Worker;

/**
 * Live unless a consumer loop is stuck: it makes progress at least every second (waiting for slots, fetching,
 * retrying through a Redis outage), so one silent for {@code celeriac.health.stuck-after} is wedged and a restart
 * is the cure. A Redis outage alone never makes a worker not live: restarting it would not bring Redis back.
 */
@Liveness
@ApplicationScoped
public class WorkerLivenessCheck implements HealthCheck {

    private final Worker worker;
    private final long stuckAfterMillis;

    WorkerLivenessCheck(Worker worker, CeleriacConfig config) {
        this.worker = worker;
        this.stuckAfterMillis = config.health().stuckAfter().toMillis();
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Celeriac worker").up();
        if (!worker.isRunning()) {
            return response.withData("worker", "not enabled").build();
        }
        long now = System.currentTimeMillis();
        for (Worker.LoopStatus loop : worker.loops()) {
            long silent = now - loop.lastProgressMillis();
            boolean stuck = loop.alive() && silent > stuckAfterMillis;
            response.withData("queue " + loop.queue(), stuck ? "stuck for " + silent + " ms" : "progressing");
            if (stuck) {
                response.down();
            }
        }
        return response.build();
    }
}
