package io.celeriac;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the task a {@link TaskClient} method sends. Without it, the method name is the task name.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface TaskName {

    /** The task name, as the worker knows it ({@code tasks.add}, {@code org.acme.Mailer.send}). */
    String value();

    /** The queue for this method; empty falls back to {@link TaskClient#queue()}. */
    String queue() default "";
}
