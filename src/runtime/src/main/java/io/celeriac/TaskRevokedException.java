package io.celeriac;

/** The task was revoked, or expired before a worker took it, so it has no result. */
public class TaskRevokedException extends CeleriacException {

    private static final long serialVersionUID = 1L;

    private final String taskId;
    private final String reason;

    public TaskRevokedException(String taskId, String reason) {
        super("Task " + taskId + " was revoked" + (reason == null ? "" : ": " + reason));
        this.taskId = taskId;
        this.reason = reason;
    }

    public String taskId() {
        return taskId;
    }

    /** Why: {@code "revoked"}, {@code "expired"}, {@code "terminated"}, ... */
    public String reason() {
        return reason;
    }
}
