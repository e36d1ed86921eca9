package io.celeriac.deployment.devservices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.QuarkusUnitTest;

class RedisLauncherUsesRedisServerOnPathTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClass(RedisInfo.class));

    @Inject
    RedisDataSource redis;

    @ConfigProperty(name = "quarkus.redis.hosts")
    String hosts;

    @Test
    void clientReachesTheRedisServerFoundOnPath() throws Exception {
        Path onPath = Stream.of(System.getenv("PATH").split(File.pathSeparator))
                .map(dir -> Path.of(dir, "redis-server"))
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(null);
        assumeTrue(onPath != null, "redis-server is not on the PATH of this machine");

        assertTrue(hosts.matches("redis://127\\.0\\.0\\.1:\\d+"), hosts);
        Map<String, String> info = RedisInfo.server(redis);
        assertEquals(hosts.substring(hosts.lastIndexOf(':') + 1), info.get("tcp_port"));
        assertEquals(onPath.toRealPath(), Path.of(info.get("executable")).toRealPath());

        redis.value(String.class).set("celeriac-launcher-check", "reached");
        assertEquals("reached", redis.value(String.class).get("celeriac-launcher-check"));
    }
}
