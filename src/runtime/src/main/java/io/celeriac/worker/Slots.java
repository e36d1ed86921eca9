package io.celeriac.worker;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** The worker's concurrency bound: one slot per task that may run at the same time. */
final class Slots {

    private final int capacity;
    private final Semaphore free;

    Slots(int capacity) {
        this.capacity = capacity;
        this.free = new Semaphore(capacity);
    }

    /** Waits for at least one free slot, then takes up to {@code max}; returns how many it took. */
    int acquireUpTo(int max) throws InterruptedException {
        free.acquire();
        int taken = 1;
        while (taken < max && free.tryAcquire()) {
            taken++;
        }
        return taken;
    }

    /** Like {@link #acquireUpTo(int)}, giving up after {@code timeoutMillis}; returns 0 then. */
    int acquireUpTo(int max, long timeoutMillis) throws InterruptedException {
        if (!free.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS)) {
            return 0;
        }
        int taken = 1;
        while (taken < max && free.tryAcquire()) {
            taken++;
        }
        return taken;
    }

    void release(int count) {
        if (count > 0) {
            free.release(count);
        }
    }

    int busy() {
        return capacity - free.availablePermits();
    }

    int capacity() {
        return capacity;
    }
}
