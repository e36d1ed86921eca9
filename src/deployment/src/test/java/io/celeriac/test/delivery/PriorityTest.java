package io.celeriac.test.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.celeriac.AsyncResult;
import io.celeriac.Celeriac;
import io.celeriac.TaskOptions;
import io.celeriac.TaskState;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.QuarkusUnitTest;

/** Priorities 0 (most urgent, the default) to 9 decide the order of waiting messages within a queue. */
class PriorityTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(RecordingTasks.class))
            .overrideConfigKey("celeriac.worker.enabled", "true")
            .overrideConfigKey("celeriac.worker.concurrency", "1");

    @Inject
    Celeriac celeriac;

    @Inject
    RedisDataSource redis;

    @Test
    void waitingMessagesRunMostUrgentFirstAndFifoWithinAPriority() throws Exception {
        RecordingTasks.gate = new CountDownLatch(1);
        // The only slot is busy, so everything sent now waits in Redis and is fetched in priority order.
        AsyncResult<Object> hold = celeriac.send("hold");
        for (int i = 0; i < 200 && hold.state() != TaskState.STARTED; i++) {
            Thread.sleep(25);
        }
        assertEquals(TaskState.STARTED, hold.state());
        int[] priorities = { 9, 5, 0, 3, 1, 0, 9, 7, 5, 3 };
        List<AsyncResult<Object>> sent = new ArrayList<>();
        for (int i = 0; i < priorities.length; i++) {
            sent.add(celeriac.send("record", TaskOptions.defaults().priority(priorities[i]),
                    "p" + priorities[i] + "#" + i));
        }
        RecordingTasks.gate.countDown();
        for (AsyncResult<Object> result : sent) {
            result.get(Duration.ofSeconds(20));
        }
        assertEquals(List.of("p0#2", "p0#5", "p1#4", "p3#3", "p3#9", "p5#1", "p5#8", "p7#7", "p9#0", "p9#6"),
                redis.list(String.class).lrange("order", 0, -1));
    }
}
