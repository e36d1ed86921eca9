package io.celeriac.runtime;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The Redis that Celeriac starts in dev and test mode when no {@code quarkus.redis.hosts} is configured.
 * It needs no Docker: a {@code redis-server} process is launched directly. Declared in the runtime module so that
 * the running application knows these keys and does not reject them as unknown.
 */
@ConfigMapping(prefix = "celeriac.devservices")
@ConfigRoot(phase = ConfigPhase.BUILD_TIME)
public interface RedisLauncherConfig {

    /**
     * Whether Celeriac starts a Redis server in dev and test mode when {@code quarkus.redis.hosts} is not set.
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * The port the Redis server listens on (loopback only); a free port is chosen when unset.
     */
    OptionalInt port();

    /**
     * The {@code redis-server} executable to run; when unset, {@code redis-server} on the PATH is used,
     * else the Redis 6.2 binary packaged in {@code com.github.codemonstur:embedded-redis}.
     */
    Optional<Path> binary();

    /**
     * Whether to look for {@code redis-server} on the PATH before falling back to the embedded binary.
     */
    @WithDefault("true")
    boolean searchPath();

    /**
     * Whether the server keeps an append-only file ({@code appendfsync everysec}) in its temporary directory;
     * off by default because the data of a dev or test Redis is thrown away at shutdown.
     */
    @WithDefault("false")
    boolean appendOnly();
}
