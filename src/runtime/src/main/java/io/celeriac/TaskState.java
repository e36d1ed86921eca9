package io.celeriac;

/**
 * The states a task goes through, named and stored as Celery names them.
 */
public enum TaskState {
    /** Not known to the result backend yet: queued, delayed, or never sent. */
    PENDING,
    /** A worker is running it. */
    STARTED,
    /** A run failed and another is scheduled; the result holds the error of the failed run. */
    RETRY,
    /** Finished; the result holds the return value. */
    SUCCESS,
    /** Finished with an error, after any retries; the result holds the error. */
    FAILURE,
    /** Will not run (revoked, or expired before a worker took it). */
    REVOKED;

    /** Whether the task has reached a final state. */
    public boolean isReady() {
        return this == SUCCESS || this == FAILURE || this == REVOKED;
    }

    /** Parses a Celery status name; unknown names (Celery's RECEIVED, custom states) count as {@link #PENDING}. */
    public static TaskState fromCelery(String status) {
        if (status == null) {
            return PENDING;
        }
        return switch (status) {
            case "STARTED" -> STARTED;
            case "RETRY" -> RETRY;
            case "SUCCESS" -> SUCCESS;
            case "FAILURE" -> FAILURE;
            case "REVOKED" -> REVOKED;
            default -> PENDING;
        };
    }
}
