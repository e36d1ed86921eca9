package io.celeriac.worker;

import java.util.ArrayList;
import java.util.List;

import io.celeriac.broker.RecoveryReport;
import io.celeriac.message.MessageCodec;
import io.celeriac.message.MessageFormatException;
import io.celeriac.message.TaskMessage;
import io.celeriac.metrics.TaskMetrics;
import io.celeriac.registry.TaskDefinition;
import io.celeriac.registry.TaskRegistry;
import io.celeriac.result.ResultDocuments;

/**
 * Records FAILURE for the tasks whose messages lease recovery moved to the dead-letter store: every worker that
 * took one died before settling it, so no worker ever will, and without this its caller would wait until its own
 * timeout and the result backend would say PENDING forever.
 *
 * <p>
 * The error is Celery's {@code celery.exceptions.WorkerLostError}, which a Python client raises as such. As for
 * every other dead letter, FAILURE is recorded when the task id is readable and the result is not ignored, and
 * announced on the reply channel; and the dead letter and the failure are counted in the metrics. The recovering
 * worker may not have the task: then only the message's own {@code ignore_result} can say that no result is wanted.
 */
final class WorkerLostFailures {

    private static final String ERROR_MODULE = "celery.exceptions";
    private static final String ERROR_TYPE = "WorkerLostError";

    private final MessageCodec codec;
    private final TaskRegistry registry;
    private final ResultPipeline results;
    private final ReplyChannels replies;
    private final String worker;
    private final TaskMetrics metrics;

    /**
     * @param worker the name of this worker, recorded as the one that settled the tasks
     */
    WorkerLostFailures(MessageCodec codec, TaskRegistry registry, ResultPipeline results, ReplyChannels replies,
            String worker, TaskMetrics metrics) {
        this.codec = codec;
        this.registry = registry;
        this.results = results;
        this.replies = replies;
        this.worker = worker;
        this.metrics = metrics;
    }

    /**
     * Queues the FAILURE writes of {@code deadLettered} (the result writer retries them while Redis is down); returns
     * each message's task as {@code name[id]} ({@code ?} for what is unreadable), for the log.
     */
    List<String> record(List<RecoveryReport.DeadLettered> deadLettered) {
        List<String> tasks = new ArrayList<>(deadLettered.size());
        for (RecoveryReport.DeadLettered dead : deadLettered) {
            TaskMessage message = null;
            String taskId;
            String taskName;
            try {
                message = codec.decode(dead.message());
                taskId = message.id();
                taskName = message.task();
            } catch (MessageFormatException e) {
                taskId = e.taskId();
                taskName = e.taskName();
            }
            String task = (taskName == null ? "?" : taskName) + "[" + (taskId == null ? "?" : taskId) + "]";
            tasks.add(task);
            metrics.deadLettered(taskName == null ? "unknown" : taskName, dead.queue());
            metrics.failed(taskName == null ? "unknown" : taskName, dead.queue(), -1);
            if (taskId == null || ignoresResult(message, taskName)) {
                continue;
            }
            String reason = "task " + task + " was delivered " + dead.deliveries() + " times and each time its worker"
                    + " died before settling it; moved to the dead-letter store of queue " + dead.queue();
            results.submit(new ResultPipeline.Op(taskId, ResultDocuments.failure(taskId, taskName, ERROR_MODULE,
                    ERROR_TYPE, reason, message == null ? 0 : message.retries(), worker, dead.queue()).toString(),
                    message == null ? null : replies.of(message), null));
        }
        return tasks;
    }

    /** Whether the message, or the task's definition if this worker has the task, says no result is wanted. */
    private boolean ignoresResult(TaskMessage message, String taskName) {
        if (message != null && message.ignoreResult()) {
            return true;
        }
        TaskDefinition definition = taskName == null ? null : registry.find(taskName);
        return definition != null && definition.ignoreResult();
    }
}
