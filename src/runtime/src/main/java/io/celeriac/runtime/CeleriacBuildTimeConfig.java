package io.celeriac.runtime;

import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;

/**
 * Celeriac settings fixed when the application is built. The prefix is narrower than {@code celeriac} on purpose:
 * the build-time config reader would otherwise treat every run-time {@code celeriac.*} key as unknown.
 */
@ConfigMapping(prefix = "celeriac.redis")
@ConfigRoot(phase = ConfigPhase.BUILD_AND_RUN_TIME_FIXED)
public interface CeleriacBuildTimeConfig {

    /**
     * The name of the Quarkus Redis client Celeriac uses ({@code quarkus.redis.<name>.hosts}, ...); the default
     * client when unset.
     */
    Optional<String> client();
}
