package io.celeriac.deployment;

import io.celeriac.broker.Broker;
import io.celeriac.producer.CeleriacProducer;
import io.celeriac.producer.TaskClientSupport;
import io.celeriac.redis.RedisGateway;
import io.celeriac.registry.TaskRegistry;
import io.celeriac.result.ResultListener;
import io.celeriac.result.ResultStore;
import io.celeriac.runtime.CeleriacBuildTimeConfig;
import io.celeriac.runtime.ProcessIdentity;
import io.celeriac.worker.Worker;
import io.celeriac.worker.WorkerIdentity;
import io.celeriac.broker.RedisDeadLetters;
import io.celeriac.control.Revocations;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.nativeimage.NativeImageResourcePatternsBuildItem;
import io.quarkus.redis.deployment.client.RequestedRedisClientBuildItem;

/** The extension's feature, its beans, and what it needs from other extensions. */
class CeleriacProcessor {

    static final String FEATURE = "celeriac";

    @BuildStep
    io.quarkus.scheduler.deployment.ForceStartSchedulerBuildItem startScheduler() {
        // The beat's check job is scheduled programmatically: the scheduler must run without @Scheduled methods.
        return new io.quarkus.scheduler.deployment.ForceStartSchedulerBuildItem();
    }

    @BuildStep
    void ignoreBuildTimeKeysAtRunTime(
            BuildProducer<io.quarkus.deployment.builditem.StaticInitConfigBuilderBuildItem> staticInit,
            BuildProducer<io.quarkus.deployment.builditem.RunTimeConfigBuilderBuildItem> runTime) {
        staticInit.produce(new io.quarkus.deployment.builditem.StaticInitConfigBuilderBuildItem(
                io.celeriac.runtime.DevServicesKeysConfigBuilder.class));
        runTime.produce(new io.quarkus.deployment.builditem.RunTimeConfigBuilderBuildItem(
                io.celeriac.runtime.DevServicesKeysConfigBuilder.class));
    }

    @BuildStep
    void optionalIntegrations(io.quarkus.deployment.Capabilities capabilities,
            java.util.Optional<io.quarkus.deployment.metrics.MetricsCapabilityBuildItem> metrics,
            BuildProducer<AdditionalBeanBuildItem> beans) {
        // Only with the capability: the classes refer to APIs that are optional dependencies.
        if (capabilities.isPresent(io.quarkus.deployment.Capability.SMALLRYE_HEALTH)) {
            beans.produce(AdditionalBeanBuildItem.builder().setUnremovable()
                    .addBeanClasses("io.celeriac.health.RedisReadinessCheck",
                            "io.celeriac.health.WorkerLivenessCheck")
                    .build());
        }
        if (metrics.isPresent()
                && metrics.get().metricsSupported(io.quarkus.runtime.metrics.MetricsFactory.MICROMETER)) {
            beans.produce(AdditionalBeanBuildItem.builder().setUnremovable()
                    .addBeanClasses("io.celeriac.metrics.MicrometerTaskMetrics").build());
        }
    }

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    @BuildStep
    AdditionalBeanBuildItem beans() {
        return AdditionalBeanBuildItem.builder().setUnremovable()
                .addBeanClasses(CeleriacProducer.class, TaskClientSupport.class, TaskRegistry.class, Broker.class,
                        RedisGateway.class, ResultStore.class, ResultListener.class, Worker.class,
                        WorkerIdentity.class, ProcessIdentity.class, RedisDeadLetters.class, Revocations.class,
                        io.celeriac.beat.BeatService.class,
                        io.celeriac.control.WorkerControl.class)
                .build();
    }

    @BuildStep
    void redisClient(CeleriacBuildTimeConfig config, BuildProducer<RequestedRedisClientBuildItem> clients) {
        // Celeriac looks its client up programmatically: ask the Redis extension to create it.
        clients.produce(new RequestedRedisClientBuildItem(config.client().orElse("<default>")));
    }

    @BuildStep
    NativeImageResourcePatternsBuildItem luaScripts() {
        return NativeImageResourcePatternsBuildItem.builder().includeGlob("io/celeriac/lua/*.lua").build();
    }
}
