package io.celeriac.worker;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import io.celeriac.broker.Delivery;
import io.celeriac.message.TaskMessage;

/**
 * A delivery this worker is running. Exactly one party settles it (the task's completion, a time limit, or
 * shutdown returning it to the queue) and its slot is released exactly once, whichever comes first.
 */
final class InFlight {

    final Delivery delivery;
    final Instant receivedAt = Instant.now();
    volatile TaskMessage message;
    volatile Thread thread;
    volatile Instant startedAt;
    private final AtomicBoolean settled = new AtomicBoolean();
    private final AtomicBoolean slotReleased = new AtomicBoolean();

    InFlight(Delivery delivery) {
        this.delivery = delivery;
    }

    /** Claims the right to settle this delivery; {@code false} if someone else already did. */
    boolean claimSettlement() {
        return settled.compareAndSet(false, true);
    }

    boolean isSettled() {
        return settled.get();
    }

    /** Claims the right to release the slot; {@code false} if it was released already. */
    boolean claimSlotRelease() {
        return slotReleased.compareAndSet(false, true);
    }

    String taskId() {
        TaskMessage m = message;
        return m == null ? "?" : m.id();
    }

    String taskName() {
        TaskMessage m = message;
        return m == null ? "?" : m.task();
    }
}
