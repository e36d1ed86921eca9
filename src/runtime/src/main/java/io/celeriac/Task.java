package io.celeriac;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a CDI bean method as a task that workers run when a message naming it arrives.
 *
 * <pre>
 * &#64;ApplicationScoped
 * public class Thumbnails {
 *     &#64;Task(name = "thumbnails.render", queue = "images", maxRetries = 5)
 *     public Path render(URI source, int width) { ... }
 * }
 * </pre>
 *
 * Tasks are discovered at build time. The method may be of any non-private, non-static method of a bean
 * (a class without a scope annotation becomes {@code @Singleton}); its parameters are bound from the JSON
 * arguments of the message by their declared types (positional {@code args} first, then {@code kwargs} by
 * parameter name), and its return value (a value, {@code void}, {@code Uni<T>} or {@code CompletionStage<T>})
 * becomes the task's result. A parameter of type {@link TaskContext} receives the running task's context
 * instead of an argument. The build fails with a message naming the method when a declaration cannot work.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Task {

    /**
     * The task name that messages carry. Defaults to the fully qualified name of the declaring class, a dot,
     * and the method name ({@code org.acme.Thumbnails.render}), as Celery defaults to {@code module.function}.
     * Names must be unique within an application.
     */
    String name() default "";

    /**
     * The queue messages for this task are sent to when the caller names none. Defaults to
     * {@code celeriac.default-queue} ({@code default}).
     */
    String queue() default "";

    /**
     * When {@code true}, no result or state is stored for this task; callers cannot wait for it.
     */
    boolean ignoreResult() default false;

    /**
     * How many times a failing run is retried before the task is recorded as FAILURE and its message moved to the
     * dead-letter store. {@code -1} (the default) takes {@code celeriac.retry.max-retries}.
     */
    int maxRetries() default -1;

    /**
     * The delay before the first retry, doubled for each further one (exponential backoff with full jitter),
     * as a duration such as {@code 2s} or {@code PT0.5S}. Empty takes {@code celeriac.retry.backoff}.
     */
    String retryBackoff() default "";

    /**
     * The longest delay between two retries. Empty takes {@code celeriac.retry.backoff-max}.
     */
    String retryBackoffMax() default "";

    /**
     * Only these exception types (and their subtypes) are retried; empty means every exception is.
     */
    Class<? extends Throwable>[] retryOn() default {};

    /**
     * These exception types (and their subtypes) are never retried, even when {@link #retryOn()} matches them.
     */
    Class<? extends Throwable>[] noRetryOn() default {};

    /**
     * Soft time limit: after this duration the task's thread is interrupted and
     * {@link TaskContext#isSoftTimeLimitExceeded()} turns true, so the task can clean up. Empty takes
     * {@code celeriac.worker.soft-time-limit} (none by default).
     */
    String softTimeLimit() default "";

    /**
     * Hard time limit: after this duration the worker gives up on the run, records FAILURE with a time-limit
     * error and frees the slot. Empty takes {@code celeriac.worker.time-limit} (none by default).
     */
    String timeLimit() default "";
}
