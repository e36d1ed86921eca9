package io.celeriac.deployment.devservices;

import java.util.Map;

import org.jboss.logging.Logger;

import io.celeriac.runtime.RedisLauncherConfig;
import io.celeriac.redis.launcher.RedisServer;
import io.quarkus.deployment.IsDevServicesSupportedByLaunchMode;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.DevServicesResultBuildItem;
import io.quarkus.deployment.builditem.Startable;
import io.quarkus.runtime.configuration.ConfigUtils;

/**
 * Starts a throw-away {@code redis-server} for dev and test mode, in place of Quarkus's Redis Dev Services,
 * which need a container engine. Celeriac's runtime module switches those off by default
 * ({@code quarkus.redis.devservices.enabled=false}).
 */
class RedisLauncherProcessor {

    private static final Logger LOG = Logger.getLogger(RedisLauncherProcessor.class);

    static final String FEATURE = "celeriac";
    static final String HOSTS = "quarkus.redis.hosts";

    @BuildStep(onlyIf = IsDevServicesSupportedByLaunchMode.class)
    void startRedis(RedisLauncherConfig config, BuildProducer<DevServicesResultBuildItem> devServices) {
        if (!config.enabled()) {
            LOG.debug("Celeriac's Redis launcher is disabled (celeriac.devservices.enabled=false)");
            return;
        }
        if (ConfigUtils.isPropertyNonEmpty(HOSTS)) {
            LOG.debugf("Not starting a Redis server: %s is configured", HOSTS);
            return;
        }
        devServices.produce(DevServicesResultBuildItem.owned()
                .feature(FEATURE)
                .serviceName("redis")
                .description("redis-server launched by Celeriac")
                .serviceConfig(new LaunchSettings(config.port().orElse(0), config.binary().map(Object::toString).orElse(""),
                        config.searchPath(), config.appendOnly()))
                .startable(() -> new LaunchedRedis(config))
                .configProvider(Map.of(HOSTS, LaunchedRedis::uri))
                .build());
    }

    /**
     * The settings that decide whether a running server can be kept across a dev-mode reload; a record so
     * that Quarkus's reflective comparison sees the values.
     */
    record LaunchSettings(int port, String binary, boolean searchPath, boolean appendOnly) {
    }

    /** Adapts a {@link RedisServer} to Quarkus's dev-service lifecycle. */
    static final class LaunchedRedis implements Startable {
        private final RedisLauncherConfig config;
        private volatile RedisServer server;

        LaunchedRedis(RedisLauncherConfig config) {
            this.config = config;
        }

        @Override
        public void start() {
            RedisServer.Builder builder = RedisServer.builder()
                    .searchPath(config.searchPath())
                    .port(config.port().orElse(0));
            config.binary().ifPresent(builder::binary);
            if (config.appendOnly()) {
                builder.appendOnly("everysec");
            }
            server = builder.start();
            LOG.infof("Celeriac started Redis %s from %s on %s (data in %s)", server.version(), server.binary(),
                    server.uri(), server.dataDir());
        }

        String uri() {
            return server.uri();
        }

        @Override
        public String getConnectionInfo() {
            return server == null ? null : server.uri();
        }

        @Override
        public String getContainerId() {
            // Not a container: Quarkus only uses this to label and find services.
            return null;
        }

        @Override
        public void close() {
            RedisServer s = server;
            if (s != null) {
                LOG.infof("Stopping the Redis server on port %d", s.port());
                s.close();
            }
        }
    }
}
