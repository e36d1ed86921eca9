package io.celeriac.worker;

import java.time.Duration;

/** Thrown by {@link io.celeriac.TaskContext#retry}: ends the run and asks for another one. */
final class RetryRequest extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Duration countdown;

    RetryRequest(Duration countdown, String reason) {
        super(reason, null, false, false);
        this.countdown = countdown;
    }

    /** The requested delay, or {@code null} for the task's backoff. */
    Duration countdown() {
        return countdown;
    }
}
