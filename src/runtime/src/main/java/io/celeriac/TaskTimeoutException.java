package io.celeriac;

import java.time.Duration;

/** The task did not finish within the time the caller was willing to wait; it may still finish later. */
public class TaskTimeoutException extends CeleriacException {

    private static final long serialVersionUID = 1L;

    private final String taskId;
    private final TaskState lastState;

    public TaskTimeoutException(String taskId, Duration waited, TaskState lastState) {
        super("Task " + taskId + " did not finish within " + waited + " (state " + lastState + ")");
        this.taskId = taskId;
        this.lastState = lastState;
    }

    public String taskId() {
        return taskId;
    }

    /** The state when the wait ended. */
    public TaskState lastState() {
        return lastState;
    }
}
