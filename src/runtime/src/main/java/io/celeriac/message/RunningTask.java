package io.celeriac.message;

/**
 * The task message being run on the current thread, so that tasks sent from inside a task record it as their
 * parent (Celery's {@code parent_id} and {@code root_id}).
 */
public final class RunningTask {

    private static final ThreadLocal<TaskMessage> CURRENT = new ThreadLocal<>();

    private RunningTask() {
    }

    public static TaskMessage current() {
        return CURRENT.get();
    }

    public static void set(TaskMessage message) {
        CURRENT.set(message);
    }

    public static void clear() {
        CURRENT.remove();
    }
}
