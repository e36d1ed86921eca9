package io.celeriac.worker;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.celeriac.broker.Broker;
import io.celeriac.broker.DeadLetterEntry;
import io.celeriac.broker.Delivery;
import io.celeriac.broker.OutgoingMessage;
import io.celeriac.message.MessageCodec;
import io.celeriac.message.MessageFormatException;
import io.celeriac.message.MessageSize;
import io.celeriac.message.RunningTask;
import io.celeriac.message.SharedJsonBuffers;
import io.celeriac.message.TaskIds;
import io.celeriac.message.TaskMessage;
import io.celeriac.metrics.TaskMetrics;
import io.celeriac.redis.RedisUnavailableException;
import io.celeriac.registry.TaskDefinition;
import io.celeriac.registry.TaskRegistry;
import io.celeriac.result.ResultDocuments;
import io.celeriac.runtime.CeleriacConfig;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.smallrye.mutiny.Uni;

/**
 * Runs deliveries, each on its own virtual thread, and settles every one of them exactly once.
 *
 * <p>
 * The life of a delivery here: decode the message (undecodable: dead letter, FAILURE if the id was readable);
 * find the task (unknown: dead letter and FAILURE); not due yet: back to the delayed set; expired: REVOKED;
 * bind the arguments (they do not fit: dead letter and FAILURE); record STARTED; invoke the method in a request
 * context, under its soft and hard time limits; then SUCCESS and acknowledge, or a retry in the delayed set with
 * state RETRY, or, once retries are exhausted, dead letter and FAILURE. A task whose hard time limit passes is
 * given up: FAILURE (or retry), slot freed, its thread left to end on its own.
 */
final class TaskRunner {

    private static final Logger LOG = Logger.getLogger(TaskRunner.class);


    /** Clocks of Redis and workers differ a little; a message due within this is run rather than postponed. */
    private static final Duration ETA_TOLERANCE = Duration.ofSeconds(1);

    private final TaskRegistry registry;
    private final ObjectMapper mapper;
    private final MessageCodec codec;
    private final ArgumentBinder binder;
    private final ResultPipeline results;
    private final RetryPolicy retries;
    private final Broker broker;
    private final Slots slots;
    private final WorkerIdentity identity;
    private final ScheduledExecutorService watchdog;
    private final boolean trackStarted;
    private final Duration defaultSoftLimit;
    private final Duration defaultHardLimit;
    private final BooleanSupplier running;
    private final RevokedTasks revoked;
    private final long maxMessageBytes;
    private final ReplyChannels replies;
    private final TaskMetrics metrics;
    private final AtomicLong settled = new AtomicLong();
    private final Set<InFlight> inFlight = ConcurrentHashMap.newKeySet();
    private final RecentTaskTime recentTaskTime;

    TaskRunner(TaskRegistry registry, ObjectMapper mapper, ResultPipeline results, Broker broker,
            Slots slots, WorkerIdentity identity, ScheduledExecutorService watchdog, CeleriacConfig config,
            BooleanSupplier running, RevokedTasks revoked,
            ReplyChannels replies, TaskMetrics metrics) {
        this.metrics = metrics;
        this.registry = registry;
        this.mapper = SharedJsonBuffers.mapper(mapper);
        this.codec = new MessageCodec(this.mapper);
        this.binder = new ArgumentBinder(mapper);
        this.results = results;
        this.retries = new RetryPolicy(config.retry());
        this.broker = broker;
        this.slots = slots;
        this.identity = identity;
        this.watchdog = watchdog;
        this.trackStarted = config.result().trackStarted();
        this.defaultSoftLimit = config.worker().softTimeLimit().orElse(null);
        this.defaultHardLimit = config.worker().timeLimit().orElse(null);
        this.running = running;
        this.revoked = revoked;
        this.maxMessageBytes = config.maxMessageSize().asLongValue();
        this.replies = replies;
        this.recentTaskTime = new RecentTaskTime(config.worker().shortTask());
    }

    /**
     * Starts running a delivery for which the caller took its hold and run permits; they are released when it is
     * settled.
     */
    void start(Delivery delivery) {
        InFlight task = new InFlight(delivery);
        inFlight.add(task);
        Thread.ofVirtual().name("celeriac-task").start(() -> {
            task.thread = Thread.currentThread();
            long began = System.nanoTime();
            try {
                run(task);
                recentTaskTime.record(System.nanoTime() - began);
            } catch (Throwable unexpected) {
                // A bug here must not lose the message: it stays in flight and is recovered if never settled.
                LOG.errorf(unexpected, "Unexpected error running %s (task %s[%s])", delivery, task.taskName(),
                        task.taskId());
            } finally {
                finished(task);
            }
        });
    }

    /** The deliveries running now. */
    Set<InFlight> inFlight() {
        return inFlight;
    }

    /** A result document as stored and published, written with shared buffers (see {@link SharedJsonBuffers}). */
    private static String json(JsonNode document) {
        return SharedJsonBuffers.json(document);
    }

    /** Whether recent tasks ran short enough that holding messages beyond free slots is harmless. */
    boolean recentTasksAreShort() {
        return recentTaskTime.areShort();
    }

    /** How many deliveries this runner has settled. */
    long settledCount() {
        return settled.get();
    }

    private void finished(InFlight task) {
        if (inFlight.remove(task)) {
            settled.incrementAndGet();
        }
        if (task.claimSlotRelease()) {
            slots.finished();
        }
    }

    private void run(InFlight task) {
        Delivery delivery = task.delivery;
        long size = MessageSize.bytes(delivery.payload(), maxMessageBytes);
        TaskMessage message;
        try {
            message = codec.decode(delivery.payload());
        } catch (MessageFormatException e) {
            metrics.received(e.taskName() == null ? "unknown" : e.taskName(), delivery.queue());
            reject(task, null, e.taskId(), e.taskName(), size > maxMessageBytes
                    ? oversized(size)
                    : "undecodable message: " + e.getMessage(), "io.celeriac.message", "MessageFormatException");
            return;
        }
        task.message = message;
        metrics.received(message.task(), delivery.queue());
        if (size > maxMessageBytes) {
            reject(task, message, message.id(), message.task(), oversized(size), "io.celeriac",
                    "MessageTooLargeException");
            return;
        }
        if (revoked.contains(message.id())) {
            revoke(task, message, "revoked");
            return;
        }
        TaskDefinition definition = registry.find(message.task());
        if (definition == null) {
            reject(task, message, message.id(), message.task(),
                    "unknown task '" + message.task() + "': no @Task of that name in this worker",
                    "celery.exceptions", "NotRegistered");
            return;
        }
        Instant now = Instant.now();
        if (message.eta() != null && message.eta().isAfter(now.plus(ETA_TOLERANCE))) {
            postpone(task, message);
            return;
        }
        if (message.expires() != null && !message.expires().isAfter(now)) {
            revoke(task, message, "expired");
            return;
        }
        RunningTaskContext context = new RunningTaskContext(message, delivery.queue());
        Object[] arguments;
        try {
            arguments = binder.bind(definition, message, context);
        } catch (ArgumentBindingException e) {
            reject(task, message, message.id(), message.task(), "arguments do not fit: " + e.getMessage(),
                    "io.celeriac.worker", "ArgumentBindingException");
            return;
        }
        boolean storeResult = !definition.ignoreResult() && !message.ignoreResult();
        if (storeResult && trackStarted) {
            // Made by the writer, and only if not overtaken by the final state in its batch, as it is under load.
            results.submit(new ResultPipeline.Op(message.id(), () -> json(ResultDocuments.started(message.id(),
                    message.task(), identity.name(), identity.pid(), identity.hostname(), delivery.queue())), null,
                    null));
        }
        invoke(task, definition, message, context, arguments, storeResult);
    }

    private void invoke(InFlight task, TaskDefinition definition, TaskMessage message, RunningTaskContext context,
            Object[] arguments, boolean storeResult) {
        Duration soft = definition.softTimeLimit() != null ? definition.softTimeLimit() : defaultSoftLimit;
        Duration hard = definition.timeLimit() != null ? definition.timeLimit() : defaultHardLimit;
        Thread thread = Thread.currentThread();
        ScheduledFuture<?> softTimer = soft == null ? null : watchdog.schedule(() -> {
            context.softTimeLimitExceeded = true;
            LOG.warnf("Task %s[%s] passed its soft time limit of %s; interrupting it", message.task(), message.id(),
                    soft);
            thread.interrupt();
        }, soft.toMillis(), TimeUnit.MILLISECONDS);
        ScheduledFuture<?> hardTimer = hard == null ? null
                : watchdog.schedule(() -> Thread.ofVirtual().name("celeriac-time-limit")
                        .start(() -> abandon(task, definition, message, hard, storeResult)), hard.toMillis(),
                        TimeUnit.MILLISECONDS);
        task.startedAt = Instant.now();
        metrics.started(message.task(), task.delivery.queue(), queueWait(message, task.startedAt));
        Object value = null;
        Throwable failure = null;
        ManagedContext requestContext = Arc.container().requestContext();
        RunningTask.set(message);
        requestContext.activate();
        try {
            value = await(definition, definition.invoker().invoke(null, arguments));
        } catch (Throwable t) {
            failure = unwrap(t);
        } finally {
            requestContext.terminate();
            RunningTask.clear();
            if (softTimer != null) {
                softTimer.cancel(false);
            }
            if (hardTimer != null) {
                hardTimer.cancel(false);
            }
            Thread.interrupted(); // a soft limit interrupt must not leak into settlement
        }
        if (failure == null) {
            succeed(task, definition, message, value, storeResult);
        } else {
            fail(task, definition, message, failure, storeResult);
        }
    }

    private static Object await(TaskDefinition definition, Object returned) throws Throwable {
        return switch (definition.resultKind()) {
            case VOID -> null;
            case VALUE -> returned;
            case UNI -> returned == null ? null : ((Uni<?>) returned).await().indefinitely();
            case COMPLETION_STAGE -> {
                if (returned == null) {
                    yield null;
                }
                try {
                    yield ((CompletionStage<?>) returned).toCompletableFuture().get();
                } catch (ExecutionException e) {
                    throw e.getCause();
                }
            }
        };
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private void succeed(InFlight task, TaskDefinition definition, TaskMessage message, Object value,
            boolean storeResult) {
        String document = null;
        if (storeResult) {
            JsonNode result;
            try {
                result = mapper.valueToTree(value);
            } catch (RuntimeException e) {
                fail(task, definition, message, new IllegalStateException("The result of " + message.task()
                        + " cannot be serialized to JSON: " + e.getMessage(), e), true);
                return;
            }
            document = json(ResultDocuments.success(message.id(), message.task(), result, message.retries(),
                    identity.name(), task.delivery.queue()));
        }
        if (!task.claimSettlement()) {
            return; // given up on (time limit) or returned to the queue (shutdown) meanwhile
        }
        metrics.succeeded(message.task(), task.delivery.queue(), runNanos(task));
        results.submit(new ResultPipeline.Op(message.id(), document, storeResult ? replies.of(message) : null,
                task.delivery));
    }

    private void fail(InFlight task, TaskDefinition definition, TaskMessage message, Throwable failure,
            boolean storeResult) {
        if (!task.claimSettlement()) {
            return;
        }
        settleFailure(task, definition, message, failure, storeResult);
    }

    private void settleFailure(InFlight task, TaskDefinition definition, TaskMessage message, Throwable failure,
            boolean storeResult) {
        Delivery delivery = task.delivery;
        Duration delay = retries.nextDelay(definition, message, failure);
        if (delay != null) {
            TaskMessage next = message.forRetry(Instant.now().plus(delay));
            String payload = codec.encode(next, broker.bodyEncoding(delivery.queue()), TaskIds.newId());
            OutgoingMessage outgoing = new OutgoingMessage(payload, message.priority(), next.eta().toEpochMilli());
            LOG.infof("Task %s[%s] failed (%s); retry %d of %d in %d ms", message.task(), message.id(),
                    describe(failure), message.retries() + 1, retries.maxRetries(definition), delay.toMillis());
            persist("reschedule " + message.id(), () -> delivery.consumer().reschedule(delivery, outgoing));
            metrics.retried(message.task(), delivery.queue());
            if (storeResult) {
                results.submit(new ResultPipeline.Op(message.id(), json(ResultDocuments.retry(message.id(),
                        message.task(), failure, message.retries() + 1, identity.name(), delivery.queue())), null,
                        null));
            }
            return;
        }
        String reason = failure instanceof RetryRequest
                ? "retry requested (" + failure.getMessage() + ") but no retries left"
                : message.retries() > 0 ? "failed after " + message.retries() + " retries" : "failed";
        if (failure instanceof RetryRequest) {
            LOG.errorf("Task %s[%s] %s", message.task(), message.id(), reason);
        } else {
            LOG.errorf(failure, "Task %s[%s] %s", message.task(), message.id(), reason);
        }
        deadLetter(delivery, message.id(), message.task(), reason, describe(failure));
        metrics.failed(message.task(), delivery.queue(), runNanos(task));
        if (storeResult) {
            results.submit(new ResultPipeline.Op(message.id(), json(ResultDocuments.failure(message.id(),
                    message.task(), failure, message.retries(), identity.name(), delivery.queue())),
                    replies.of(message), null));
        }
    }

    /** Gives up on a run past its hard time limit: settles it as failed and frees its slot; its thread is abandoned. */
    private void abandon(InFlight task, TaskDefinition definition, TaskMessage message, Duration limit,
            boolean storeResult) {
        if (!task.claimSettlement()) {
            return;
        }
        LOG.errorf("Task %s[%s] exceeded its hard time limit of %s: recording the failure and abandoning its thread",
                message.task(), message.id(), limit);
        Thread thread = task.thread;
        if (thread != null) {
            thread.interrupt();
        }
        settleFailure(task, definition, message, new TimeLimitExceededException(message.task(), message.id(), limit),
                storeResult);
        finished(task);
    }

    /** A message that cannot run as sent: to the dead-letter store, with FAILURE when its id is known. */
    private void reject(InFlight task, TaskMessage message, String taskId, String taskName, String reason,
            String errorModule, String errorType) {
        if (!task.claimSettlement()) {
            return;
        }
        Delivery delivery = task.delivery;
        LOG.errorf("Message on queue %s dead-lettered: %s [task=%s, id=%s]", delivery.queue(), reason, taskName,
                taskId);
        deadLetter(delivery, taskId, taskName, reason, errorModule + "." + errorType);
        metrics.failed(taskName == null ? "unknown" : taskName, delivery.queue(), -1);
        boolean storeResult = taskId != null && (message == null || !message.ignoreResult());
        if (storeResult) {
            results.submit(new ResultPipeline.Op(taskId, json(ResultDocuments.failure(taskId, taskName, errorModule,
                    errorType, reason, message == null ? 0 : message.retries(), identity.name(), delivery.queue())),
                    message == null ? null : replies.of(message), null));
        }
    }

    /** Time from when the message was sent (or due, if later) until now; -1 when the producer did not say. */
    private static long queueWait(TaskMessage message, Instant now) {
        Object sent = message.extraHeaders() == null ? null : message.extraHeaders().get(TaskMessage.SENT_HEADER);
        long from = sent instanceof JsonNode node && node.canConvertToLong()
                ? node.asLong() : sent instanceof Number n ? n.longValue() : -1;
        if (message.eta() != null) {
            from = Math.max(from, message.eta().toEpochMilli());
        }
        return from < 0 ? -1 : Math.max(0, now.toEpochMilli() - from);
    }

    private static long runNanos(InFlight task) {
        Instant started = task.startedAt;
        return started == null ? -1 : Duration.between(started, Instant.now()).toNanos();
    }

    private String oversized(long size) {
        return "oversized message: " + size + " bytes, more than celeriac.max-message-size (" + maxMessageBytes
                + " bytes)";
    }

    /** Interrupts running tasks that were revoked with terminate: REVOKED, acknowledged, slot freed. */
    void terminate(Collection<String> taskIds) {
        for (InFlight task : inFlight) {
            TaskMessage message = task.message;
            if (message == null || !taskIds.contains(message.id()) || !task.claimSettlement()) {
                continue;
            }
            LOG.warnf("Task %s[%s] revoked with terminate: interrupting it", message.task(), message.id());
            metrics.revoked(message.task(), task.delivery.queue());
            Thread thread = task.thread;
            if (thread != null) {
                thread.interrupt();
            }
            String document = message.ignoreResult() ? null
                    : json(ResultDocuments.revoked(message.id(), message.task(), "terminated", identity.name(),
                            task.delivery.queue()));
            results.submit(new ResultPipeline.Op(message.id(), document, document == null ? null
                    : replies.of(message), task.delivery));
            finished(task);
        }
    }

    private void postpone(InFlight task, TaskMessage message) {
        if (!task.claimSettlement()) {
            return;
        }
        Delivery delivery = task.delivery;
        OutgoingMessage same = new OutgoingMessage(delivery.payload(), message.priority(), message.eta().toEpochMilli());
        persist("postpone " + message.id(), () -> delivery.consumer().reschedule(delivery, same));
    }

    private void revoke(InFlight task, TaskMessage message, String reason) {
        if (!task.claimSettlement()) {
            return;
        }
        LOG.infof("Task %s[%s] not run: %s", message.task(), message.id(), reason);
        metrics.revoked(message.task(), task.delivery.queue());
        String document = message.ignoreResult() ? null
                : json(ResultDocuments.revoked(message.id(), message.task(), reason, identity.name(),
                        task.delivery.queue()));
        results.submit(new ResultPipeline.Op(message.id(), document, document == null ? null : replies.of(message),
                task.delivery));
    }

    private void deadLetter(Delivery delivery, String taskId, String taskName, String reason, String exception) {
        String entry = new DeadLetterEntry(delivery.queue(), taskId, taskName, reason, exception, identity.name(),
                Instant.now(), delivery.payload()).toJson();
        persist("dead-letter " + taskId, () -> delivery.consumer().deadLetter(delivery, entry));
        metrics.deadLettered(taskName == null ? "unknown" : taskName, delivery.queue());
    }

    /**
     * Runs a step that moves a message in Redis until it succeeds: giving up would leave the message in flight under
     * a live lease, where nobody would recover it. Stops trying only when the worker stops (the lease then lapses and
     * another worker recovers the message).
     */
    private void persist(String what, Runnable step) {
        Backoff backoff = new Backoff(LOG, "Worker (" + what + ")");
        while (true) {
            try {
                step.run();
                backoff.succeeded();
                return;
            } catch (RedisUnavailableException e) {
                if (!running.getAsBoolean() || !backoff.pause(e)) {
                    LOG.warnf("Could not %s before shutdown; the message stays in flight for recovery", what);
                    return;
                }
            }
        }
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getName() + (message == null ? "" : ": " + message);
    }
}
