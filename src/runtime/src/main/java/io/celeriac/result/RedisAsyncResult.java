package io.celeriac.result;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.celeriac.AsyncResult;
import io.celeriac.CeleriacException;
import io.celeriac.TaskFailedException;
import io.celeriac.TaskInfo;
import io.celeriac.TaskRevokedException;
import io.celeriac.TaskState;
import io.celeriac.TaskTimeoutException;
import io.smallrye.mutiny.Uni;

/** {@link AsyncResult} backed by the Redis result store and this process's result subscription. */
public final class RedisAsyncResult<T> implements AsyncResult<T> {

    private final String id;
    private final JavaType type;
    private final ResultStore store;
    private final ResultListener listener;
    private final ObjectMapper mapper;
    private final boolean viaTaskChannel;
    /** Where the reply channel stood when this task was sent; spares the first wait a read, then is spent. */
    private final AtomicReference<ResultListener.SendMark> sendMark;

    public RedisAsyncResult(String id, JavaType type, ResultStore store, ResultListener listener, ObjectMapper mapper) {
        this(id, type, store, listener, mapper, false);
    }

    /** A handle on a task this process has just sent, with the mark taken before sending it. */
    public RedisAsyncResult(String id, JavaType type, ResultStore store, ResultListener listener, ObjectMapper mapper,
            ResultListener.SendMark sendMark) {
        this(id, type, store, listener, mapper, false, sendMark);
    }

    /**
     * @param viaTaskChannel whether to listen on the task's own channel: for tasks this process did not send, or
     *        that a Celery worker may run
     */
    public RedisAsyncResult(String id, JavaType type, ResultStore store, ResultListener listener, ObjectMapper mapper,
            boolean viaTaskChannel) {
        this(id, type, store, listener, mapper, viaTaskChannel, null);
    }

    private RedisAsyncResult(String id, JavaType type, ResultStore store, ResultListener listener, ObjectMapper mapper,
            boolean viaTaskChannel, ResultListener.SendMark sendMark) {
        this.sendMark = new AtomicReference<>(sendMark);
        this.viaTaskChannel = viaTaskChannel;
        this.id = id;
        this.type = type;
        this.store = store;
        this.listener = listener;
        this.mapper = mapper;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public TaskState state() {
        return info().map(TaskInfo::state).orElse(TaskState.PENDING);
    }

    @Override
    public Optional<TaskInfo> info() {
        return store.read(id);
    }

    @Override
    public T get(Duration timeout) {
        CompletableFuture<TaskInfo> waiter = watch();
        TaskInfo info;
        try {
            info = waiter.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            waiter.cancel(false);
            throw new TaskTimeoutException(id, timeout, lastState());
        } catch (InterruptedException e) {
            waiter.cancel(false);
            Thread.currentThread().interrupt();
            throw new CeleriacException("Interrupted while waiting for task " + id, e);
        } catch (ExecutionException e) {
            throw new CeleriacException("Could not wait for task " + id + ": " + e.getCause().getMessage(), e.getCause());
        }
        return value(info);
    }

    private TaskState lastState() {
        try {
            return state();
        } catch (RuntimeException unavailable) {
            return TaskState.PENDING;
        }
    }

    @Override
    public Uni<T> await() {
        return Uni.createFrom().completionStage(this::watch).map(this::value);
    }

    @Override
    public CompletionStage<T> toCompletionStage() {
        return watch().thenApply(this::value);
    }

    private CompletableFuture<TaskInfo> watch() {
        // Only the first wait may rely on the notification: a later one could come after it was consumed.
        ResultListener.SendMark mark = sendMark.getAndSet(null);
        return mark != null && !viaTaskChannel ? listener.watch(id, mark) : listener.watch(id, viaTaskChannel);
    }

    @Override
    public <R> AsyncResult<R> as(Class<R> resultType) {
        return retyped(mapper.constructType(resultType));
    }

    @Override
    public <R> AsyncResult<R> as(TypeReference<R> resultType) {
        return retyped(mapper.getTypeFactory().constructType(resultType));
    }

    /** The same task read as another type; the send mark, if still unspent, moves to the new handle. */
    private <R> AsyncResult<R> retyped(JavaType resultType) {
        return new RedisAsyncResult<>(id, resultType, store, listener, mapper, viaTaskChannel,
                sendMark.getAndSet(null));
    }

    /** The value of a final state, or the exception that stands for it. */
    private T value(TaskInfo info) {
        return switch (info.state()) {
            case SUCCESS -> convert(info.result());
            case REVOKED -> throw new TaskRevokedException(id, info.errorMessage().orElse("revoked"));
            default -> throw new TaskFailedException(id, ResultDocuments.errorType(info),
                    info.errorMessage().orElse(""), info.traceback());
        };
    }

    @SuppressWarnings("unchecked")
    private T convert(JsonNode result) {
        if (result == null || result.isNull()) {
            return null;
        }
        if (type == null || type.getRawClass() == Object.class) {
            return (T) mapper.convertValue(result, Object.class);
        }
        try {
            return mapper.readerFor(type).readValue(result);
        } catch (Exception e) {
            throw new CeleriacException("The result of task " + id + " cannot be read as " + type + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "AsyncResult[" + id + "]";
    }
}
