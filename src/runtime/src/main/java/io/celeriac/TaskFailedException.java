package io.celeriac;

/**
 * The task ended in FAILURE. Carries the error as the worker recorded it, which may come from another
 * process or another language.
 */
public class TaskFailedException extends CeleriacException {

    private static final long serialVersionUID = 1L;

    private final String taskId;
    private final String remoteType;
    private final String remoteMessage;
    private final String remoteTraceback;

    public TaskFailedException(String taskId, String remoteType, String remoteMessage, String remoteTraceback) {
        super("Task " + taskId + " failed: " + remoteType + (remoteMessage == null || remoteMessage.isEmpty() ? ""
                : ": " + remoteMessage));
        this.taskId = taskId;
        this.remoteType = remoteType;
        this.remoteMessage = remoteMessage;
        this.remoteTraceback = remoteTraceback;
    }

    public String taskId() {
        return taskId;
    }

    /** The error type as recorded: a Java class name, or a Python exception name such as {@code ValueError}. */
    public String remoteType() {
        return remoteType;
    }

    public String remoteMessage() {
        return remoteMessage;
    }

    /** The remote stack trace, or {@code null}. */
    public String remoteTraceback() {
        return remoteTraceback;
    }
}
