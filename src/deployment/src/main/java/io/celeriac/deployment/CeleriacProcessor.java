package io.celeriac.deployment;

import java.util.Optional;

import io.celeriac.beat.BeatService;
import io.celeriac.broker.Broker;
import io.celeriac.broker.RedisDeadLetters;
import io.celeriac.control.Revocations;
import io.celeriac.control.WorkerControl;
import io.celeriac.producer.CeleriacProducer;
import io.celeriac.producer.TaskClientSupport;
import io.celeriac.redis.RedisGateway;
import io.celeriac.registry.TaskRegistry;
import io.celeriac.result.ResultListener;
import io.celeriac.result.ResultStore;
import io.celeriac.runtime.CeleriacBuildTimeConfig;
import io.celeriac.runtime.DevServicesKeysConfigBuilder;
import io.celeriac.runtime.ProcessIdentity;
import io.celeriac.worker.Worker;
import io.celeriac.worker.WorkerIdentity;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.RunTimeConfigBuilderBuildItem;
import io.quarkus.deployment.builditem.StaticInitConfigBuilderBuildItem;
import io.quarkus.deployment.builditem.nativeimage.NativeImageResourcePatternsBuildItem;
import io.quarkus.deployment.metrics.MetricsCapabilityBuildItem;
import io.quarkus.redis.deployment.client.RequestedRedisClientBuildItem;
import io.quarkus.runtime.metrics.MetricsFactory;
import io.quarkus.scheduler.deployment.ForceStartSchedulerBuildItem;

/** The extension's feature, its beans, and what it needs from other extensions. */
class CeleriacProcessor {

    static final String FEATURE = "celeriac";

    @BuildStep
    ForceStartSchedulerBuildItem startScheduler() {
        // The beat's check job is scheduled programmatically: the scheduler must run without @Scheduled methods.
        return new ForceStartSchedulerBuildItem();
    }

    @BuildStep
    void ignoreBuildTimeKeysAtRunTime(
            BuildProducer<StaticInitConfigBuilderBuildItem> staticInit,
            BuildProducer<RunTimeConfigBuilderBuildItem> runTime) {
        staticInit.produce(new StaticInitConfigBuilderBuildItem(
                DevServicesKeysConfigBuilder.class));
        runTime.produce(new RunTimeConfigBuilderBuildItem(
                DevServicesKeysConfigBuilder.class));
    }

    @BuildStep
    void optionalIntegrations(Capabilities capabilities,
            Optional<MetricsCapabilityBuildItem> metrics,
            BuildProducer<AdditionalBeanBuildItem> beans) {
        // Only with the capability: the classes refer to APIs that are optional dependencies.
        if (capabilities.isPresent(Capability.SMALLRYE_HEALTH)) {
            beans.produce(AdditionalBeanBuildItem.builder().setUnremovable()
                    .addBeanClasses("io.celeriac.health.RedisReadinessCheck",
                            "io.celeriac.health.WorkerLivenessCheck")
                    .build());
        }
        if (metrics.isPresent()
                && metrics.get().metricsSupported(MetricsFactory.MICROMETER)) {
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
                        BeatService.class,
                        WorkerControl.class)
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
