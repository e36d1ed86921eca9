package io.celeriac.metrics;

import java.util.List;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * What a worker reports about tasks as they go; Micrometer backs it when present, else nothing listens.
 * Task and queue names are the tags; the task is {@code "unknown"} when a message could not be read.
 */
public interface TaskMetrics {

    TaskMetrics NONE = new TaskMetrics() {
    };

    default void received(String task, String queue) {
    }

    /** @param queueWaitMillis from when it was sent (or due) to now, or -1 when unknown */
    default void started(String task, String queue, long queueWaitMillis) {
    }

    default void succeeded(String task, String queue, long runNanos) {
    }

    default void failed(String task, String queue, long runNanos) {
    }

    default void retried(String task, String queue) {
    }

    default void revoked(String task, String queue) {
    }

    default void deadLettered(String task, String queue) {
    }

    /** Gauges read by the metrics system: tasks running now, and messages waiting per queue. */
    default void bindWorker(IntSupplier inFlight,
            Function<String, Long> depth, List<String> queues) {
    }
}
