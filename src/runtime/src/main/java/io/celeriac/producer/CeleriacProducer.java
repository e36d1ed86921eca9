package io.celeriac.producer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.celeriac.AsyncResult;
import io.celeriac.Celeriac;
import io.celeriac.CeleriacException;
import io.celeriac.MessageTooLargeException;
import io.celeriac.TaskCall;
import io.celeriac.TaskOptions;
import io.celeriac.broker.Broker;
import io.celeriac.broker.OutgoingMessage;
import io.celeriac.control.Revocations;
import io.celeriac.message.MessageCodec;
import io.celeriac.message.SharedJsonBuffers;
import io.celeriac.message.MessageSize;
import io.celeriac.message.RunningTask;
import io.celeriac.message.TaskIds;
import io.celeriac.message.TaskMessage;
import io.celeriac.redis.RedisGateway;
import io.celeriac.redis.RedisUnavailableException;
import io.celeriac.registry.TaskDefinition;
import io.celeriac.registry.TaskRegistry;
import io.celeriac.result.RedisAsyncResult;
import io.celeriac.result.ResultListener;
import io.celeriac.result.ResultStore;
import io.celeriac.runtime.CeleriacConfig;
import io.celeriac.runtime.ProcessIdentity;
import io.vertx.core.Future;
import io.vertx.redis.client.Request;

/**
 * The {@link Celeriac} bean: turns calls into messages and stores them, one Redis round trip per send or batch.
 */
@Singleton
public class CeleriacProducer implements Celeriac {

    private final TaskRegistry registry;
    private final Broker broker;
    private final RedisGateway redis;
    private final ResultStore results;
    private final ResultListener listener;
    private final ObjectMapper mapper;
    private final MessageCodec codec;
    private final String defaultQueue;
    private final String origin;
    private final JavaType objectType;
    private final Revocations revocations;
    private final long maxMessageBytes;

    CeleriacProducer(TaskRegistry registry, Broker broker, RedisGateway redis, ResultStore results,
            ResultListener listener, ObjectMapper mapper, CeleriacConfig config, ProcessIdentity identity,
            Revocations revocations) {
        this.registry = registry;
        this.broker = broker;
        this.redis = redis;
        this.results = results;
        this.listener = listener;
        // Callers may be virtual threads (a REST endpoint on one), which Jackson's per-thread buffers do not serve.
        this.mapper = SharedJsonBuffers.mapper(mapper);
        this.codec = new MessageCodec(this.mapper);
        this.defaultQueue = config.defaultQueue();
        this.origin = identity.origin();
        this.objectType = mapper.constructType(Object.class);
        this.revocations = revocations;
        this.maxMessageBytes = config.maxMessageSize().asLongValue();
    }

    @Override
    public AsyncResult<Object> send(String task, Object... args) {
        return send(task, TaskOptions.defaults(), args);
    }

    @Override
    public AsyncResult<Object> send(String task, TaskOptions options, Object... args) {
        return sendAll(List.of(TaskCall.of(this, task).args(args).options(options))).get(0);
    }

    @Override
    public List<AsyncResult<Object>> sendAll(Collection<TaskCall> calls) {
        if (calls.isEmpty()) {
            return List.of();
        }
        Instant now = Instant.now();
        Map<String, List<OutgoingMessage>> byQueue = new LinkedHashMap<>();
        List<AsyncResult<Object>> handles = new ArrayList<>(calls.size());
        ResultListener.SendMark mark = listener.mark();
        for (TaskCall call : calls) {
            Prepared prepared = prepare(call.task(), call.args().toArray(), call.options(), now);
            byQueue.computeIfAbsent(prepared.queue, q -> new ArrayList<>()).add(prepared.message);
            handles.add(handle(prepared.id, prepared.resultType, prepared.queue, mark));
        }
        publish(byQueue, calls.size());
        return handles;
    }

    /** Sends one call; used by generated {@link io.celeriac.TaskClient} implementations. */
    <T> AsyncResult<T> sendOne(String task, Object[] args, TaskOptions options, JavaType resultType) {
        Prepared prepared = prepare(task, args, options, Instant.now());
        ResultListener.SendMark mark = listener.mark();
        publish(Map.of(prepared.queue, List.of(prepared.message)), 1);
        return handle(prepared.id, resultType != null ? resultType : prepared.resultType, prepared.queue, mark);
    }

    /** Sends one call without blocking the calling thread, for reactive callers on an event loop. */
    <T> CompletionStage<AsyncResult<T>> sendOneAsync(String task, Object[] args, TaskOptions options,
            JavaType resultType) {
        Prepared prepared;
        try {
            prepared = prepare(task, args, options, Instant.now());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        List<Request> pipeline = new ArrayList<>(2);
        ResultListener.SendMark mark = listener.mark();
        broker.publisher(prepared.queue).appendPublish(pipeline, List.of(prepared.message));
        Future<?> sent = pipeline.size() == 1 ? redis.sendAsync(pipeline.get(0)) : redis.batchAsync(pipeline);
        return sent.toCompletionStage()
                .handle((ok, failure) -> {
                    if (failure != null) {
                        throw new CeleriacException("Could not send the task to " + prepared.queue + ": "
                                + failure.getMessage(), failure);
                    }
                    return handle(prepared.id, resultType != null ? resultType : prepared.resultType,
                            prepared.queue, mark);
                });
    }

    @Override
    public AsyncResult<Object> result(String taskId) {
        return new RedisAsyncResult<>(taskId, objectType, results, listener, mapper, true);
    }

    @Override
    public <T> AsyncResult<T> result(String taskId, Class<T> type) {
        return new RedisAsyncResult<>(taskId, mapper.constructType(type), results, listener, mapper, true);
    }

    @Override
    public void revoke(String taskId, boolean terminate) {
        revocations.revoke(List.of(taskId), terminate);
    }

    /** A handle on a task this process sent to {@code queue}, with the reply channel's mark taken before sending. */
    private <T> AsyncResult<T> handle(String id, JavaType type, String queue, ResultListener.SendMark mark) {
        if (broker.transport(queue) == CeleriacConfig.Transport.CELERY) {
            // A Celery worker may take tasks from a Celery-compatible queue: it announces results on the task channel.
            return new RedisAsyncResult<>(id, type, results, listener, mapper, true);
        }
        return new RedisAsyncResult<>(id, type, results, listener, mapper, mark);
    }

    private void publish(Map<String, List<OutgoingMessage>> byQueue, int count) {
        List<Request> pipeline = new ArrayList<>(byQueue.size() + 1);
        for (Map.Entry<String, List<OutgoingMessage>> queue : byQueue.entrySet()) {
            broker.publisher(queue.getKey()).appendPublish(pipeline, queue.getValue());
        }
        try {
            if (pipeline.size() == 1) {
                redis.send(pipeline.get(0));
            } else {
                redis.batch(pipeline);
            }
        } catch (RedisUnavailableException e) {
            throw new CeleriacException("Could not send " + (count == 1 ? "the task" : count + " tasks") + " to "
                    + byQueue.keySet() + ": " + e.getMessage(), e);
        }
    }

    /**
     * A message ready to store, for emitters that store it themselves (the beat publishes inside a Lua script).
     *
     * @param id the task id
     * @param queue the queue it is meant for
     * @param payload the encoded message
     */
    public record Encoded(String id, String queue, String payload) {
    }

    /** Encodes a call without sending it. */
    public Encoded encode(String task, Object[] args, TaskOptions options) {
        Prepared prepared = prepare(task, args, options, Instant.now());
        return new Encoded(prepared.id, prepared.queue, prepared.message.payload());
    }

    private Prepared prepare(String task, Object[] args, TaskOptions options, Instant now) {
        TaskDefinition local = registry.find(task);
        String queue = options.queue()
                .orElse(local != null && local.queue() != null ? local.queue() : defaultQueue);
        boolean ignoreResult = options.ignoreResult().orElse(local != null && local.ignoreResult());
        String id = options.taskId().orElseGet(TaskIds::newId);
        Instant due = options.dueAt(now);
        int priority = options.priority().orElse(0);
        TaskMessage parent = RunningTask.current();
        TaskMessage message = new TaskMessage(id, task,
                Arrays.asList(args),
                options.kwargs(),
                null,
                due,
                options.expiresAt(now),
                0,
                parent == null ? id : (parent.rootId() == null ? parent.id() : parent.rootId()),
                parent == null ? null : parent.id(),
                null,
                local == null || local.softTimeLimit() == null ? null : local.softTimeLimit().toMillis() / 1000.0,
                local == null || local.timeLimit() == null ? null : local.timeLimit().toMillis() / 1000.0,
                ignoreResult,
                origin,
                ignoreResult ? null : listener.channel(),
                priority,
                queue,
                withSentTime(options.headers(), now));
        String payload = codec.encode(message, broker.bodyEncoding(queue), TaskIds.newId());
        long size = MessageSize.bytes(payload, maxMessageBytes);
        if (size > maxMessageBytes) {
            throw new MessageTooLargeException(id, task, size, maxMessageBytes);
        }
        OutgoingMessage outgoing = new OutgoingMessage(payload, priority, due == null ? 0 : due.toEpochMilli());
        JavaType resultType = local != null && local.resultType() != null ? local.resultType() : objectType;
        return new Prepared(id, queue, outgoing, resultType);
    }

    private static Map<String, Object> withSentTime(Map<String, Object> headers, Instant now) {
        Map<String, Object> all = new LinkedHashMap<>(headers);
        all.put(TaskMessage.SENT_HEADER, now.toEpochMilli());
        return all;
    }

    private record Prepared(String id, String queue, OutgoingMessage message, JavaType resultType) {
    }
}
