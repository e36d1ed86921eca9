package io.celeriac.worker;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The worker's admission control. A message holds a <em>hold</em> permit from the moment it is fetched until it is
 * settled, and a <em>run</em> permit while its task runs: at most {@code concurrency} tasks run at once, and at most
 * {@code holdLimit} messages (running or waiting in memory for a run permit) are held by this worker.
 */
final class Slots {

    private final int concurrency;
    private final Semaphore run;
    private final Semaphore hold;

    Slots(int concurrency, int holdLimit) {
        if (holdLimit < concurrency) {
            throw new IllegalArgumentException("hold limit " + holdLimit + " below concurrency " + concurrency);
        }
        this.concurrency = concurrency;
        this.run = new Semaphore(concurrency);
        this.hold = new Semaphore(holdLimit);
    }

    /**
     * Takes up to {@code max} permits for messages to run at once, each with its hold and run permit, waiting at
     * most {@code timeoutMillis} for the first; returns how many it took (0 on timeout).
     */
    int claimToRun(int max, long timeoutMillis) throws InterruptedException {
        int held = holdUpTo(max, timeoutMillis);
        if (held == 0) {
            return 0;
        }
        if (!run.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS)) {
            hold.release(held);
            return 0;
        }
        int running = 1;
        while (running < held && run.tryAcquire()) {
            running++;
        }
        hold.release(held - running);
        return running;
    }

    /**
     * Takes up to {@code max} hold permits, for messages that will wait in memory for a run permit, waiting at most
     * {@code timeoutMillis} for the first; returns how many it took (0 on timeout).
     */
    int holdUpTo(int max, long timeoutMillis) throws InterruptedException {
        if (!hold.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS)) {
            return 0;
        }
        int taken = 1;
        while (taken < max && hold.tryAcquire()) {
            taken++;
        }
        return taken;
    }

    /** Takes a run permit for a held message if one is free. */
    boolean tryRun() {
        return run.tryAcquire();
    }

    /** Waits at most {@code timeoutMillis} for a run permit for a held message; returns whether it got one. */
    boolean awaitRun(long timeoutMillis) throws InterruptedException {
        return run.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** Gives back a run permit taken for a held message that will not start after all. */
    void releaseRun() {
        run.release();
    }

    /** Gives back hold permits of messages that were not fetched, or were returned to the queue unrun. */
    void releaseHeld(int count) {
        if (count > 0) {
            hold.release(count);
        }
    }

    /** Gives back both permits of messages that were taken to run but not started. */
    void releaseClaimed(int count) {
        if (count > 0) {
            hold.release(count);
            run.release(count);
        }
    }

    /** A task ended: its run and hold permits are free again. */
    void finished() {
        // Hold first: a consumer loop woken by the run permit then finds the hold permit free as well, and its next
        // fetch can take one more message.
        hold.release();
        run.release();
    }

    /** Tasks running now. */
    int busy() {
        return concurrency - run.availablePermits();
    }
}
