package io.celeriac.test.restart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.celeriac.AsyncResult;
import io.celeriac.Celeriac;
import io.celeriac.CeleriacException;
import io.celeriac.redis.launcher.RedisServer;
import io.celeriac.test.lease.SlowTasks;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Redis is killed (SIGKILL) and started again on its append-only file while producers send and the worker runs.
 * Every task whose send returned (Redis acknowledged it) completes; producer and worker reconnect by themselves.
 */
class RedisRestartTest {

    private static final String RESTART = "celeriac.test.redis-restart";
    private static final String CLOSE = "celeriac.test.redis-close";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(SlowTasks.class))
            .overrideConfigKey("celeriac.worker.enabled", "true")
            .overrideConfigKey("celeriac.worker.concurrency", "8")
            .setBeforeAllCustomizer(RedisRestartTest::startRedis)
            .setAfterAllCustomizer(() -> ((Runnable) System.getProperties().remove(CLOSE)).run());

    /**
     * Runs outside the application's class loader, before it starts. The test reaches the server through JDK types
     * stored in the system properties, the one thing both class loaders share.
     */
    private static void startRedis() {
        RedisServer server = RedisServer.builder().port(0).appendOnly("always").start();
        System.setProperty("quarkus.redis.hosts", server.uri());
        System.getProperties().put(RESTART, (Runnable) () -> {
            server.kill();
            server.start();
        });
        System.getProperties().put(CLOSE, (Runnable) () -> {
            server.close();
            System.clearProperty("quarkus.redis.hosts");
        });
    }

    @Inject
    Celeriac celeriac;

    @Inject
    RedisDataSource redis;

    @Test
    void everyAcknowledgedTaskCompletesAcrossARestart() {
        List<AsyncResult<Object>> acknowledged = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            acknowledged.add(celeriac.send("slow", 20L));
        }
        ((Runnable) System.getProperties().get(RESTART)).run();

        int refused = 0;
        int afterRestart = 0;
        while (afterRestart < 150) {
            try {
                acknowledged.add(celeriac.send("slow", 20L));
                afterRestart++;
            } catch (CeleriacException e) {
                refused++; // not acknowledged: the caller knows it was not sent
                assertTrue(refused < 1000, "the producer never reconnected: " + e);
            }
        }

        Map<String, Long> duplicates = new TreeMap<>();
        for (AsyncResult<Object> task : acknowledged) {
            task.as(Long.class).get(Duration.ofSeconds(90));
            long executions = redis.value(Long.class).get("executions:" + task.id());
            assertTrue(executions >= 1, task.id());
            if (executions > 1) {
                duplicates.put(task.id(), executions);
            }
        }
        System.out.printf("Redis restart: %d tasks acknowledged and completed, %d sends refused during the outage,"
                + " duplicates %s%n", acknowledged.size(), refused, duplicates);
        assertEquals(300, acknowledged.size());
        // Only tasks running at the moment of the kill may run again, and the worker runs 8 at a time.
        assertTrue(duplicates.size() <= 8, "duplicates: " + duplicates);
    }
}
