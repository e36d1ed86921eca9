package io.celeriac.redis.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class RedisServerTest {

    @Test
    void embeddedBinaryStartsAndKeepsAppendOnlyDataAcrossAKill() {
        try (RedisServer server = RedisServer.builder().searchPath(false).appendOnly("always").start()) {
            assertEquals(RedisBinary.Origin.EMBEDDED, server.binary().origin());
            assertTrue(server.version().startsWith("6.2."), server.version());
            assertEquals("+OK", server.command("SET", "survivor", "yes"));

            server.kill();
            assertFalse(server.isRunning());
            server.start();

            assertEquals("yes", server.command("GET", "survivor"));
        }
    }

    @Test
    void redisServerOnPathIsPreferredWhenPresent() {
        boolean onPath = RedisBinaryLocator.findOnPath("redis-server").isPresent();
        try (RedisServer server = RedisServer.builder().start()) {
            assertEquals(onPath ? RedisBinary.Origin.PATH : RedisBinary.Origin.EMBEDDED, server.binary().origin());
            assertEquals("+PONG", server.command("PING"));
        }
    }

    @Test
    void closeRemovesTheTemporaryDataDirectory() {
        RedisServer server = RedisServer.builder().start();
        server.close();
        assertFalse(server.isRunning());
        assertFalse(java.nio.file.Files.exists(server.dataDir()));
    }

    @Test
    void serverStopsWhenItsJvmIsKilled() throws Exception {
        // A child JVM starts a server and prints its pid; we kill -9 that JVM and the server must follow.
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                StartAndWait.class.getName()).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()));
        String line;
        long redisPid = -1;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("redis-pid=")) {
                redisPid = Long.parseLong(line.substring("redis-pid=".length()));
                break;
            }
        }
        assertTrue(redisPid > 0, "child did not report a redis pid");
        ProcessHandle redis = ProcessHandle.of(redisPid).orElseThrow();
        child.destroyForcibly().waitFor();

        redis.onExit().get(10, TimeUnit.SECONDS);
        assertFalse(redis.isAlive());
    }

    /** Runs in a child JVM for {@link #serverStopsWhenItsJvmIsKilled()}. */
    public static final class StartAndWait {
        public static void main(String[] args) throws Exception {
            RedisServer server = RedisServer.builder().start();
            System.out.println("redis-pid=" + server.pid());
            System.out.flush();
            Thread.sleep(60_000);
        }
    }
}
