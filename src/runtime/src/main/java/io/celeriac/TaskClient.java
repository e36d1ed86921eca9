package io.celeriac;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a typed producer: an interface whose methods send tasks. Celeriac implements it at build time
 * and makes it an injectable bean.
 *
 * <pre>
 * &#64;TaskClient(queue = "images")
 * public interface ThumbnailClient {
 *     &#64;TaskName("thumbnails.render")
 *     AsyncResult&lt;Path&gt; render(URI source, int width);
 *
 *     &#64;TaskName("thumbnails.purge")
 *     void purge(TaskOptions options, String prefix);
 * }
 * </pre>
 *
 * Each method sends one task. Its arguments become the task's positional arguments, except a parameter of type
 * {@link TaskOptions}, which sets the options of that call (countdown, ETA, priority, ...). The return type
 * says what the caller gets back:
 * <ul>
 * <li>{@link AsyncResult}{@code <T>} — the handle, right after the message is in Redis;</li>
 * <li>{@code Uni<T>} — sends when subscribed, emits the task's result;</li>
 * <li>{@code CompletionStage<T>} — sends now, completes with the task's result;</li>
 * <li>{@code void} — sends and returns.</li>
 * </ul>
 * The task may live in this application, in another Celeriac application, or in a Python Celery worker.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface TaskClient {

    /**
     * The queue for every method of this client that names none itself; empty uses the queue of the task when it
     * is defined in this application, else {@code celeriac.default-queue}.
     */
    String queue() default "";
}
