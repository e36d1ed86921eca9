package io.celeriac;

/** A task message is larger than {@code celeriac.max-message-size}; it was not sent. */
public class MessageTooLargeException extends CeleriacException {

    private final String taskId;
    private final String task;
    private final long size;
    private final long limit;

    public MessageTooLargeException(String taskId, String task, long size, long limit) {
        super("Task " + task + "[" + taskId + "] was not sent: its message takes " + size
                + " bytes, more than celeriac.max-message-size (" + limit + " bytes); pass a reference to the data"
                + " (a URL, a key, a file name) instead of the data itself, or raise the limit");
        this.taskId = taskId;
        this.task = task;
        this.size = size;
        this.limit = limit;
    }

    public String taskId() {
        return taskId;
    }

    public String task() {
        return task;
    }

    public long size() {
        return size;
    }

    public long limit() {
        return limit;
    }
}
