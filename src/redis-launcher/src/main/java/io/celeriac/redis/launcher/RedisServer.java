package io.celeriac.redis.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

/**
 * A redis-server child process on a loopback port, in its own data directory.
 *
 * <p>
 * It can be stopped, killed and started again on the same port and directory, which is what
 * tests need to prove that Celeriac survives a Redis restart; with {@link Builder#appendOnly(String)}
 * the data survives too. {@link #close()} stops it and removes the directory it created.
 */
public final class RedisServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RedisServer.class);

    /** Long enough for a cold start of the embedded binary on a loaded CI machine. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Runs redis-server under a small shell that stops it when this JVM disappears, even by SIGKILL
     * (a test run cut short, dev mode killed with its Maven parent), so that no server outlives its user.
     * SIGTERM to the shell stops Redis gracefully; {@link #kill()} kills Redis itself.
     */
    private static final String WATCHDOG = """
            jvm=$1; shift
            "$@" &
            redis=$!
            trap 'kill $redis 2>/dev/null; wait $redis; exit 0' TERM INT
            while kill -0 "$jvm" 2>/dev/null && kill -0 "$redis" 2>/dev/null; do sleep 1; done
            kill $redis 2>/dev/null
            wait $redis
            """;

    private final RedisBinary binary;
    private final int port;
    private final Path dataDir;
    private final boolean ownsDataDir;
    private final Optional<String> appendFsync;
    private final List<String> extraArgs;
    private Process process;
    private Thread shutdownHook;

    private RedisServer(Builder builder, int port, Path dataDir, boolean ownsDataDir) {
        this.binary = RedisBinaryLocator.locate(Optional.ofNullable(builder.binary), builder.searchPath);
        this.port = port;
        this.dataDir = dataDir;
        this.ownsDataDir = ownsDataDir;
        this.appendFsync = Optional.ofNullable(builder.appendFsync);
        this.extraArgs = List.copyOf(builder.extraArgs);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The binary this server runs. */
    public RedisBinary binary() {
        return binary;
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:<port>}, the form {@code quarkus.redis.hosts} takes. */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The process id of redis-server itself, or -1 when not running. */
    public synchronized long pid() {
        return redisProcess().map(ProcessHandle::pid).orElse(-1L);
    }

    private Optional<ProcessHandle> redisProcess() {
        if (process == null || !process.isAlive()) {
            return Optional.empty();
        }
        return process.children().findFirst();
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts the process (again, after {@link #stop()} or {@link #kill()}) and waits until it answers PING. */
    public synchronized RedisServer start() {
        if (isRunning()) {
            return this;
        }
        List<String> command = new ArrayList<>(List.of(binary.path().toString(),
                "--port", Integer.toString(port),
                "--bind", "127.0.0.1",
                "--dir", dataDir.toString(),
                "--daemonize", "no",
                "--protected-mode", "no",
                // No RDB snapshots: a throw-away server must not fork or write dumps behind the tests' back.
                "--save", ""));
        if (appendFsync.isPresent()) {
            command.addAll(List.of("--appendonly", "yes", "--appendfsync", appendFsync.get()));
        } else {
            command.addAll(List.of("--appendonly", "no"));
        }
        command.addAll(extraArgs);
        List<String> watched = new ArrayList<>(List.of("sh", "-c", WATCHDOG, "celeriac-redis-watchdog",
                Long.toString(ProcessHandle.current().pid())));
        watched.addAll(command);
        try {
            process = new ProcessBuilder(watched)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("redis.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + binary, e);
        }
        if (shutdownHook == null) {
            // Stop the server also when the JVM exits without close(), e.g. after a failing test run.
            shutdownHook = new Thread(this::destroyQuietly, "celeriac-redis-shutdown-" + port);
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
        awaitReady();
        return this;
    }

    /** Graceful stop (SIGTERM): Redis flushes the AOF before exiting. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        waitForExit(Duration.ofSeconds(10));
    }

    /** Abrupt stop (SIGKILL to redis-server), as a crash or an OOM kill would do. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        redisProcess().ifPresent(ProcessHandle::destroyForcibly);
        waitForExit(Duration.ofSeconds(10));
    }

    /**
     * Sends one command, for checks that must not depend on a client library. Returns a bulk string as text ({@code null}
     * when nil), an integer as its digits, and other replies as their raw RESP line ({@code +OK}, {@code -ERR ...}).
     */
    public String command(String... args) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            StringBuilder request = new StringBuilder("*").append(args.length).append("\r\n");
            for (String arg : args) {
                byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
                request.append('$').append(bytes.length).append("\r\n").append(arg).append("\r\n");
            }
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return readReply(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("Redis on port " + port + " did not answer", e);
        }
    }

    /** The {@code redis_version} the running server reports. */
    public String version() {
        String info = command("INFO", "server");
        for (String line : info.split("\r\n")) {
            if (line.startsWith("redis_version:")) {
                return line.substring("redis_version:".length());
            }
        }
        return "unknown";
    }

    @Override
    public synchronized void close() {
        destroyQuietly();
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running or has run; nothing left to undo
            }
            shutdownHook = null;
        }
        if (ownsDataDir) {
            deleteRecursively(dataDir);
        }
    }

    private synchronized void releaseAfterFailedStart() {
        destroyQuietly();
        if (shutdownHook != null) {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
            shutdownHook = null;
        }
    }

    private void destroyQuietly() {
        Process p = process;
        if (p != null && p.isAlive()) {
            p.destroy();
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    destroyTreeForcibly(p);
                }
            } catch (InterruptedException e) {
                destroyTreeForcibly(p);
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void destroyTreeForcibly(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    private void waitForExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                destroyTreeForcibly(process);
                process.waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server " + binary + " exited with " + process.exitValue()
                        + " on port " + port + "; its log: " + tail(dataDir.resolve("redis.log")));
            }
            try {
                String reply = command("PING");
                if (reply.startsWith("+PONG")) {
                    return;
                }
                // -LOADING while it replays the append-only file: keep waiting.
            } catch (UncheckedIOException e) {
                last = e.getCause();
            }
            sleep(20);
        }
        destroyQuietly();
        throw new IllegalStateException("redis-server " + binary + " did not answer PING on port " + port
                + " within " + START_TIMEOUT.toSeconds() + " s", last);
    }

    private static String readReply(InputStream in) throws IOException {
        String line = readLine(in);
        char type = line.isEmpty() ? '?' : line.charAt(0);
        if (type == '$') {
            int length = Integer.parseInt(line.substring(1));
            if (length < 0) {
                return null;
            }
            byte[] data = in.readNBytes(length + 2);
            return new String(data, 0, length, StandardCharsets.UTF_8);
        }
        if (type == ':') {
            return line.substring(1);
        }
        return line;
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\r') {
                in.read(); // '\n'
                break;
            }
            sb.append((char) c);
        }
        if (c == -1 && sb.isEmpty()) {
            throw new IOException("connection closed");
        }
        return sb.toString();
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Redis", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debugf("Could not remove %s: %s", dir, e.getMessage());
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port", e);
        }
    }

    /** Options of a {@link RedisServer}; every one has a default that suits tests. */
    public static final class Builder {
        private Path binary;
        private boolean searchPath = true;
        private int port;
        private Path dataDir;
        private String appendFsync;
        private final List<String> extraArgs = new ArrayList<>();

        private Builder() {
        }

        /** Runs this binary instead of searching for one. */
        public Builder binary(Path binary) {
            this.binary = binary;
            return this;
        }

        /** Whether {@code redis-server} on the PATH may be used; when false, only a configured or the embedded binary is. */
        public Builder searchPath(boolean searchPath) {
            this.searchPath = searchPath;
            return this;
        }

        /** The port; 0 (the default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The data directory; by default a new temporary directory that {@link #close()} removes. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** Turns on the append-only file with this fsync policy ({@code always}, {@code everysec}, {@code no}). */
        public Builder appendOnly(String fsyncPolicy) {
            this.appendFsync = fsyncPolicy;
            return this;
        }

        /** More {@code redis-server} arguments, e.g. {@code "--maxmemory-policy", "noeviction"}. */
        public Builder arg(String... args) {
            extraArgs.addAll(List.of(args));
            return this;
        }

        /** Builds the server and starts it. */
        public RedisServer start() {
            boolean ownsDir = dataDir == null;
            Path dir;
            try {
                dir = ownsDir ? Files.createTempDirectory("celeriac-redis-") : Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not create a Redis data directory", e);
            }
            // A port picked here may be taken by someone else before redis binds it: retry on a new one.
            int attempts = port == 0 ? 3 : 1;
            IllegalStateException failure = null;
            for (int i = 0; i < attempts; i++) {
                RedisServer server = new RedisServer(this, port == 0 ? freePort() : port, dir, ownsDir);
                try {
                    return server.start();
                } catch (IllegalStateException e) {
                    failure = e;
                    server.releaseAfterFailedStart();
                }
            }
            if (ownsDir) {
                deleteRecursively(dir);
            }
            throw failure;
        }
    }
}
