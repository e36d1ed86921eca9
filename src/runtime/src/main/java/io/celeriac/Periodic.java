package io.celeriac;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a {@link Task} on a schedule (Celery beat). Declare it next to {@code @Task}:
 *
 * <pre>
 * &#64;Task(name = "reports.nightly")
 * &#64;Periodic(cron = "0 30 2 * * ?", timeZone = "Europe/Paris", args = "[\"full\"]")
 * public void nightly(String mode) { ... }
 * </pre>
 *
 * Applications with {@code celeriac.beat.enabled=true} emit the task at each tick; however many of them run, each
 * tick is emitted once (see {@code celeriac.beat.*}). Schedules of tasks defined elsewhere (another service, a
 * Python Celery task) are declared in configuration: {@code celeriac.beat.schedules."<name>".task=...}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Periodic {

    /** A fixed interval ({@code 30s}, {@code 5m}, {@code 1h}); ticks fall on multiples of it since the epoch. */
    String every() default "";

    /** A Quartz cron expression ({@code 0 *&#47;5 * * * ?}: every five minutes), evaluated in {@link #timeZone()}. */
    String cron() default "";

    /** The time zone of {@link #cron()}; empty is UTC. */
    String timeZone() default "";

    /** The task's positional arguments at each tick, as a JSON array. */
    String args() default "[]";

    /** The task's keyword arguments at each tick, as a JSON object. */
    String kwargs() default "{}";

    /** The queue to emit to; empty uses the task's queue. */
    String queue() default "";

    /** The schedule's name (in logs, in {@link Beat#schedules()} and in Redis); empty is the task name. */
    String name() default "";
}
