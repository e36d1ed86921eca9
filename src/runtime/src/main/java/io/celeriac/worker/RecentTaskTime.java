package io.celeriac.worker;

import java.time.Duration;

/**
 * How long this worker's recent tasks ran (an exponentially weighted mean, each task weighing 1/8), to decide
 * whether holding extra messages is harmless: a message waiting behind short tasks starts within moments, one
 * waiting behind long tasks could have run on an idle worker instead.
 */
final class RecentTaskTime {

    private final long shortNanos;
    /**
     * Starts at the limit itself, i.e. not short: a worker knows nothing of its tasks until some have run. Updated
     * without a lock by many task threads; a lost update only shifts a mean that is approximate anyway.
     */
    private volatile long meanNanos;

    RecentTaskTime(Duration shortLimit) {
        this.shortNanos = shortLimit.toNanos();
        this.meanNanos = shortNanos;
    }

    void record(long nanos) {
        long mean = meanNanos;
        meanNanos = mean + (nanos - mean) / 8;
    }

    /** Whether recent tasks ran shorter than the limit on average. */
    boolean areShort() {
        return meanNanos < shortNanos;
    }
}
