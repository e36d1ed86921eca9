package io.celeriac.worker;

import java.time.Duration;

/** Recorded as the FAILURE of a task that ran past its hard time limit. */
public class TimeLimitExceededException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TimeLimitExceededException(String task, String id, Duration limit) {
        super("Task " + task + "[" + id + "] exceeded its time limit of " + limit + " and was abandoned");
    }
}
