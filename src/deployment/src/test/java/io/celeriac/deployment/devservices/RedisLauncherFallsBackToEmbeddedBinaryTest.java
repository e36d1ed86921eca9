package io.celeriac.deployment.devservices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.QuarkusUnitTest;

class RedisLauncherFallsBackToEmbeddedBinaryTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClass(RedisInfo.class))
            // As on a machine without redis-server installed: only the binary from embedded-redis is left.
            .overrideConfigKey("celeriac.devservices.search-path", "false");

    @Inject
    RedisDataSource redis;

    @Test
    void clientReachesTheEmbeddedRedis62() {
        Map<String, String> info = RedisInfo.server(redis);
        assertTrue(info.get("redis_version").startsWith("6.2."), info.get("redis_version"));
        assertTrue(info.get("executable").contains("redis-server-6.2"), info.get("executable"));

        redis.value(String.class).set("celeriac-launcher-check", "reached");
        assertEquals("reached", redis.value(String.class).get("celeriac-launcher-check"));
    }
}
