package io.celeriac.producer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

import jakarta.inject.Singleton;

import io.celeriac.AsyncResult;
import io.celeriac.TaskOptions;
import io.smallrye.mutiny.Uni;

/**
 * What the {@link io.celeriac.TaskClient} implementations generated at build time call: one method per return
 * kind.
 */
@Singleton
public class TaskClientSupport {

    private final CeleriacProducer producer;

    TaskClientSupport(CeleriacProducer producer) {
        this.producer = producer;
    }

    /** For methods returning {@code AsyncResult<T>}. */
    public AsyncResult<Object> asyncResult(ClientMethod method, Object[] arguments) {
        return send(method, arguments);
    }

    /** For methods returning {@code void}. */
    public void fireAndForget(ClientMethod method, Object[] arguments) {
        send(method, arguments);
    }

    /** For methods returning {@code CompletionStage<T>}: sends now without blocking, completes with the result. */
    public CompletionStage<Object> completionStage(ClientMethod method, Object[] arguments) {
        return sendAsync(method, arguments).thenCompose(AsyncResult::toCompletionStage);
    }

    /** For methods returning {@code Uni<T>}: sends when subscribed, without blocking, and emits the result. */
    public Uni<Object> uni(ClientMethod method, Object[] arguments) {
        return Uni.createFrom().completionStage(() -> sendAsync(method, arguments)).flatMap(AsyncResult::await);
    }

    private CompletionStage<AsyncResult<Object>> sendAsync(ClientMethod method, Object[] arguments) {
        Call call = call(method, arguments);
        return producer.sendOneAsync(method.task(), call.args, call.options, method.resultType());
    }

    private AsyncResult<Object> send(ClientMethod method, Object[] arguments) {
        Call call = call(method, arguments);
        return producer.sendOne(method.task(), call.args, call.options, method.resultType());
    }

    private record Call(Object[] args, TaskOptions options) {
    }

    private static Call call(ClientMethod method, Object[] arguments) {
        TaskOptions options = TaskOptions.defaults();
        List<Object> args = new ArrayList<>(arguments.length);
        for (int i = 0; i < arguments.length; i++) {
            if (i == method.optionsIndex()) {
                if (arguments[i] != null) {
                    options = (TaskOptions) arguments[i];
                }
            } else {
                args.add(arguments[i]);
            }
        }
        if (method.queue() != null && options.queue().isEmpty()) {
            options = options.queue(method.queue());
        }
        return new Call(args.toArray(), options);
    }
}
