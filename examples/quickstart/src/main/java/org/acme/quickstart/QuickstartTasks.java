package org.acme.quickstart;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.celeriac.Periodic;
import io.celeriac.Task;
import io.celeriac.TaskContext;
import io.quarkus.redis.datasource.RedisDataSource;

/** The example's tasks. A plain class: Celeriac makes it a bean because it declares tasks. */
public class QuickstartTasks {

    private static final Logger LOG = Logger.getLogger(QuickstartTasks.class);

    /** What {@code quickstart.word-count} returns. */
    public record WordCount(int words, String longest, Map<String, Integer> frequencies) {
    }

    @Inject
    RedisDataSource redis;

    @Task(name = "quickstart.add")
    public int add(int a, int b) {
        LOG.infof("add(%d, %d)", a, b);
        return a + b;
    }

    @Task(name = "quickstart.word-count")
    public WordCount wordCount(String text) {
        String[] words = text.toLowerCase(Locale.ROOT).split("\\W+");
        Map<String, Integer> frequencies = new TreeMap<>();
        Arrays.stream(words).filter(w -> !w.isEmpty()).forEach(w -> frequencies.merge(w, 1, Integer::sum));
        String longest = frequencies.keySet().stream().reduce("", (a, b) -> b.length() > a.length() ? b : a);
        LOG.infof("word-count: %d words", frequencies.values().stream().mapToInt(Integer::intValue).sum());
        return new WordCount(frequencies.values().stream().mapToInt(Integer::intValue).sum(), longest, frequencies);
    }

    /**
     * Works for {@code millis}. Counts its executions per task id in Redis, so that the crash tests can tell how
     * often each task really ran.
     */
    @Task(name = "quickstart.slow")
    public String slow(String label, long millis, TaskContext context) throws InterruptedException {
        redis.value(Long.class).incr("quickstart:executions:" + context.id());
        Thread.sleep(millis);
        redis.value(Long.class).incr("quickstart:completions:" + context.id());
        return label + " done";
    }

    /** Periodic (see {@code celeriac.beat.enabled}): logs once a minute that the beat is alive. */
    @Task(name = "quickstart.minutely")
    @Periodic(every = "1m")
    public void minutely(TaskContext context) {
        LOG.infof("minutely task for tick %s", context.header("celeriac-beat-tick").orElse("?"));
    }

    /** Records the tick it was emitted for; the beat process test schedules it through configuration. */
    @Task(name = "quickstart.heartbeat")
    public void heartbeat(TaskContext context) {
        redis.list(String.class).rpush("quickstart:heartbeats", context.header("celeriac-beat-tick").orElse("?"));
    }

    @Task(name = "quickstart.fail", maxRetries = 1, retryBackoff = "200ms")
    public int fail(String reason) {
        throw new IllegalStateException(reason);
    }
}
