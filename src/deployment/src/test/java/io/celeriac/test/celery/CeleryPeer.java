package io.celeriac.test.celery;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real Python Celery, from Debian's python3-celery, run as {@code /usr/bin/python3 -m celery} (the pyenv python3
 * on PATH cannot see Debian's packages). Where it is not installed, the tests are skipped, unless
 * {@code CELERIAC_REQUIRE_CELERY=1} (set by CI, which installs it), where they fail.
 */
final class CeleryPeer {

    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final Path SCRIPTS = Path.of("src/test/resources/celery").toAbsolutePath();

    private CeleryPeer() {
    }

    static void requireCelery() throws Exception {
        boolean installed = Files.isExecutable(PYTHON)
                && new ProcessBuilder(PYTHON.toString(), "-c", "import celery, redis").start().waitFor() == 0;
        if (!installed && "1".equals(System.getenv("CELERIAC_REQUIRE_CELERY"))) {
            throw new AssertionError("Python Celery is required (CELERIAC_REQUIRE_CELERY=1) but /usr/bin/python3"
                    + " cannot import celery and redis: apt-get install python3-celery python3-redis");
        }
        assumeTrue(installed, "Python Celery is not installed (apt-get install python3-celery python3-redis)");
    }

    /** Starts a Celery worker on {@code queues}; returns once it is ready. */
    static Process startWorker(String redisUrl, String queues, Path log) throws Exception {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(PYTHON.toString(), "-m", "celery", "-A", "peer", "worker", "-Q",
                queues, "--pool", "solo", "-l", "info", "--without-heartbeat", "--without-gossip", "--without-mingle",
                "-n", "peer@%h")
                .directory(SCRIPTS.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("CELERIAC_TEST_REDIS", redisUrl);
        Process worker = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!worker.isAlive()) {
                throw new AssertionError("Celery worker exited: " + Files.readString(log));
            }
            if (Files.exists(log) && Files.readString(log).contains("ready.")) {
                return worker;
            }
            Thread.sleep(100);
        }
        worker.destroyForcibly();
        throw new AssertionError("Celery worker not ready within 60 s: " + Files.readString(log));
    }

    /** Runs the Python client with {@code scenario}; returns its output lines. */
    static List<String> runClient(String redisUrl, String scenario, Duration timeout) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(PYTHON.toString(), "client.py", scenario)
                .directory(SCRIPTS.toFile()).redirectErrorStream(true);
        builder.environment().put("CELERIAC_TEST_REDIS", redisUrl);
        Process client = builder.start();
        List<String> lines = new ArrayList<>();
        try (var reader = client.inputReader()) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
            }
        }
        if (!client.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            client.destroyForcibly();
            throw new AssertionError("Celery client did not finish: " + lines);
        }
        return lines;
    }

    static void stop(Process process) throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
