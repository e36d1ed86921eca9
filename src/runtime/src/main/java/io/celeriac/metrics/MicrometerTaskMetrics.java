package io.celeriac.metrics;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntSupplier;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * {@link TaskMetrics} on Micrometer: {@code celeriac.tasks} counted by task, queue and event; run time
 * ({@code celeriac.task.duration}, by outcome) and queue wait ({@code celeriac.task.queue.wait}) timers; gauges
 * {@code celeriac.tasks.in.flight} and {@code celeriac.queue.depth}. Registered only when Micrometer is present.
 */
@Singleton
public class MicrometerTaskMetrics implements TaskMetrics {

    private final MeterRegistry registry;

    MicrometerTaskMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    private void count(String event, String task, String queue) {
        Counter.builder("celeriac.tasks").description("Tasks by what happened to them")
                .tag("event", event).tag("task", task).tag("queue", queue).register(registry).increment();
    }

    private void time(String name, String task, String queue, String outcome, long nanos) {
        Timer.Builder builder = Timer.builder(name).tag("task", task).tag("queue", queue);
        if (outcome != null) {
            builder.tag("outcome", outcome);
        }
        builder.register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void received(String task, String queue) {
        count("received", task, queue);
    }

    @Override
    public void started(String task, String queue, long queueWaitMillis) {
        count("started", task, queue);
        if (queueWaitMillis >= 0) {
            time("celeriac.task.queue.wait", task, queue, null, TimeUnit.MILLISECONDS.toNanos(queueWaitMillis));
        }
    }

    @Override
    public void succeeded(String task, String queue, long runNanos) {
        count("succeeded", task, queue);
        time("celeriac.task.duration", task, queue, "success", runNanos);
    }

    @Override
    public void failed(String task, String queue, long runNanos) {
        count("failed", task, queue);
        if (runNanos >= 0) {
            time("celeriac.task.duration", task, queue, "failure", runNanos);
        }
    }

    @Override
    public void retried(String task, String queue) {
        count("retried", task, queue);
    }

    @Override
    public void revoked(String task, String queue) {
        count("revoked", task, queue);
    }

    @Override
    public void deadLettered(String task, String queue) {
        count("dead_lettered", task, queue);
    }

    @Override
    public void bindWorker(IntSupplier inFlight, Function<String, Long> depth, List<String> queues) {
        Gauge.builder("celeriac.tasks.in.flight", inFlight::getAsInt).description("Tasks this worker runs now")
                .register(registry);
        for (String queue : queues) {
            Gauge.builder("celeriac.queue.depth", () -> depth.apply(queue))
                    .description("Messages waiting in the queue (sampled by the worker)").tag("queue", queue)
                    .register(registry);
        }
    }
}
