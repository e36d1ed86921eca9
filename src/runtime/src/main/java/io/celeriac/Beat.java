package io.celeriac;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The periodic schedules known to this application, and when each last ran and runs next. */
public interface Beat {

    /**
     * One schedule.
     *
     * @param name the schedule's name
     * @param task the task it emits
     * @param queue the queue it emits to
     * @param expression {@code every 30s} or {@code cron 0 0 * * * ? (UTC)}
     * @param lastRun the tick last emitted, by any replica, if any
     * @param nextRun the next tick
     */
    record ScheduleInfo(String name, String task, String queue, String expression, Optional<Instant> lastRun,
            Instant nextRun) {
    }

    /** Whether this application emits ticks ({@code celeriac.beat.enabled}). */
    boolean isEnabled();

    /** Every schedule, from {@code @Periodic} tasks and from configuration. */
    List<ScheduleInfo> schedules();
}
