package io.celeriac.worker;

import io.celeriac.message.TaskMessage;
import io.celeriac.result.ResultStore;

/**
 * Where a worker announces a task's final state: the reply channel a Celeriac client named, else Celery's
 * per-task channel (the result key), which Celery clients and {@code Celeriac#result(id)} handles listen on.
 */
final class ReplyChannels {

    private final String celeriacPrefix;
    private final ResultStore store;

    /**
     * @param celeriacPrefix the start of every Celeriac client's reply channel
     * @param store the result store, whose keys name Celery's per-task channels
     */
    ReplyChannels(String celeriacPrefix, ResultStore store) {
        this.celeriacPrefix = celeriacPrefix;
        this.store = store;
    }

    /** The channel to notify with the state of {@code message}'s task. */
    String of(TaskMessage message) {
        String replyTo = message.replyTo();
        return replyTo != null && replyTo.startsWith(celeriacPrefix) ? replyTo : store.key(message.id());
    }
}
