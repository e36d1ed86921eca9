package io.celeriac.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.celeriac.AsyncResult;
import io.celeriac.Celeriac;
import io.celeriac.TaskCall;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The benchmark driver. Scenarios ({@code -Dbench.scenario}): {@code enqueue} (single sends, then batched
 * sendAll), {@code fill} (push N messages for a drain), {@code roundtrip} (sequential send-then-get, needs a
 * worker running). Each prints one JSON line. In the worker role it prints {@code WORKER READY} at start.
 */
@QuarkusMain
public class BenchMain implements QuarkusApplication {

    @Inject
    Celeriac celeriac;

    @Inject
    RedisDataSource redis;

    @ConfigProperty(name = "bench.scenario", defaultValue = "none")
    String scenario;

    @ConfigProperty(name = "bench.n", defaultValue = "20000")
    int n;

    @ConfigProperty(name = "bench.task", defaultValue = "bench.noop")
    String task;

    @ConfigProperty(name = "celeriac.worker.enabled", defaultValue = "false")
    boolean worker;

    @Override
    public int run(String... args) throws Exception {
        if (worker) {
            // Quarkus calls run() once start-up is complete, the worker's start included: its consumers are
            // reading the queue by now.
            System.out.println("WORKER READY");
            System.out.flush();
            Quarkus.waitForExit();
            return 0;
        }
        switch (scenario) {
            case "enqueue" -> enqueue();
            case "fill" -> fill();
            case "roundtrip" -> roundtrip();
            case "ping" -> ping();
            default -> throw new IllegalArgumentException("-Dbench.scenario=enqueue|fill|roundtrip, not " + scenario);
        }
        return 0;
    }

    private void enqueue() {
        redis.execute("DEL", "celeriac:{bench}:ready");
        int warm = Math.min(2000, n);
        for (int i = 0; i < warm; i++) {
            celeriac.send(task, i);
        }
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            celeriac.send(task, i);
        }
        double single = n / seconds(start);
        redis.execute("DEL", "celeriac:{bench}:ready");
        sendBatched(Math.min(n, 20000)); // warm-up: a batch of 20 000 takes ~0.1 s, mostly JIT compilation when cold
        redis.execute("DEL", "celeriac:{bench}:ready");
        long commandsBefore = commands();
        start = System.nanoTime();
        sendBatched(n);
        double batched = n / seconds(start);
        double commandsPerTask = (commands() - commandsBefore) / (double) n;
        redis.execute("DEL", "celeriac:{bench}:ready");
        System.out.printf("{\"scenario\":\"enqueue\",\"n\":%d,\"single_rate\":%.0f,\"batched_rate\":%.0f,"
                + "\"redis_commands_per_task_batched\":%.3f}%n", n, single, batched, commandsPerTask);
    }

    private void sendBatched(int count) {
        List<TaskCall> batch = new ArrayList<>(1000);
        for (int i = 0; i < count; i++) {
            batch.add(celeriac.call(task).args(i));
            if (batch.size() == 1000) {
                celeriac.sendAll(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            celeriac.sendAll(batch);
        }
    }

    private void fill() {
        sendBatched(n);
        System.out.printf("{\"scenario\":\"fill\",\"n\":%d}%n", n);
    }

    private void roundtrip() {
        // Warm up both JVMs (JIT) before measuring, as the peers' round trips run on warm interpreters.
        for (int i = 0; i < Integer.getInteger("bench.warmup", 2000); i++) {
            celeriac.send(task, i).get(Duration.ofSeconds(30));
        }
        long[] micros = new long[n];
        long[] sendMicros = new long[n];
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            AsyncResult<Object> result = celeriac.send(task, i);
            sendMicros[i] = (System.nanoTime() - t) / 1000;
            result.get(Duration.ofSeconds(30));
            micros[i] = (System.nanoTime() - t) / 1000;
        }
        String trace = System.getProperty("bench.trace");
        if (trace != null) {
            // Each call's latency in call order, to see where slow calls cluster (JIT, GC, scheduling).
            try {
                java.nio.file.Files.write(java.nio.file.Path.of(trace),
                        Arrays.stream(micros).mapToObj(Long::toString).toList());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        Arrays.sort(sendMicros);
        double elapsed = seconds(start);
        Arrays.sort(micros);
        System.out.printf("{\"scenario\":\"roundtrip\",\"n\":%d,\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"mean_ms\":%.3f,"
                + "\"calls_per_s\":%.0f,\"send_p50_ms\":%.3f}%n", n, micros[n / 2] / 1000.0,
                micros[(int) (n * 0.99)] / 1000.0, Arrays.stream(micros).average().orElse(0) / 1000.0, n / elapsed,
                sendMicros[n / 2] / 1000.0);
    }

    /** Redis round trip through Celeriac's gateway and through Quarkus's data source, for comparison. */
    private void ping() {
        io.celeriac.redis.RedisGateway gateway = io.quarkus.arc.Arc.container()
                .select(io.celeriac.redis.RedisGateway.class).get();
        io.vertx.redis.client.Request ping = io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.PING);
        for (int i = 0; i < 2000; i++) {
            gateway.send(ping);
        }
        long[] gw = new long[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            gateway.send(ping);
            gw[i] = (System.nanoTime() - t) / 1000;
        }
        long[] ds = new long[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            redis.execute("PING");
            ds[i] = (System.nanoTime() - t) / 1000;
        }
        Arrays.sort(gw);
        Arrays.sort(ds);
        System.out.printf("{\"scenario\":\"ping\",\"gateway_p50_ms\":%.3f,\"datasource_p50_ms\":%.3f}%n",
                gw[n / 2] / 1000.0, ds[n / 2] / 1000.0);
    }

    private long commands() {
        long total = 0;
        for (String line : redis.execute("INFO", "commandstats").toString().split("\r\n")) {
            int at = line.indexOf("calls=");
            if (at > 0) {
                total += Long.parseLong(line.substring(at + 6, line.indexOf(',', at)));
            }
        }
        return total;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
