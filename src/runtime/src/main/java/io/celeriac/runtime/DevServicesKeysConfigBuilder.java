package io.celeriac.runtime;

import io.quarkus.runtime.configuration.ConfigBuilder;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * Lets the running application accept the build-time {@code celeriac.devservices.*} keys: they live under the
 * {@code celeriac} prefix of the run-time configuration, which would otherwise reject them as unknown.
 */
public class DevServicesKeysConfigBuilder implements ConfigBuilder {

    @Override
    public SmallRyeConfigBuilder configBuilder(SmallRyeConfigBuilder builder) {
        return builder.withMappingIgnore("celeriac.devservices.**");
    }
}
