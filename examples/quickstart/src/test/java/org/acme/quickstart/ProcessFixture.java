package org.acme.quickstart;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.celeriac.redis.launcher.RedisServer;

/**
 * A real Redis per test and the app processes started against it, all stopped after the test whatever happens.
 * Register with {@code @RegisterExtension}.
 */
final class ProcessFixture implements BeforeEachCallback, AfterEachCallback {

    private final String appendFsync;
    private final List<WorkerProcess> processes = new ArrayList<>();
    private RedisServer redis;

    /** @param appendFsync an AOF fsync policy ({@code always}), or {@code null} for no persistence */
    ProcessFixture(String appendFsync) {
        this.appendFsync = appendFsync;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        RedisServer.Builder builder = RedisServer.builder().port(0);
        if (appendFsync != null) {
            builder.appendOnly(appendFsync);
        }
        redis = builder.start();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        for (WorkerProcess process : processes) {
            process.close();
        }
        processes.clear();
        redis.close();
    }

    RedisServer redis() {
        return redis;
    }

    /** Starts the packaged app against this test's Redis. */
    WorkerProcess start(String name, Map<String, String> properties) throws Exception {
        WorkerProcess process = WorkerProcess.start(name, redis.uri(), properties);
        processes.add(process);
        return process;
    }
}
