package io.celeriac.message;

/**
 * A message could not be read as a Celeriac/Celery task message. Carries whatever could be read of it, so that
 * the failure can still be recorded against the task id.
 */
public class MessageFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String taskId;
    private final String taskName;

    public MessageFormatException(String reason, String taskId, String taskName, Throwable cause) {
        super(reason, cause);
        this.taskId = taskId;
        this.taskName = taskName;
    }

    /** The task id if it could be read, else {@code null}. */
    public String taskId() {
        return taskId;
    }

    /** The task name if it could be read, else {@code null}. */
    public String taskName() {
        return taskName;
    }
}
