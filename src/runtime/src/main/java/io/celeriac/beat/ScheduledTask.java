package io.celeriac.beat;

import java.util.List;
import java.util.Map;

/**
 * A task to emit on a schedule.
 *
 * @param name the schedule's name
 * @param task the task name
 * @param queue the queue, or {@code null} for the task's
 * @param schedule when it ticks
 * @param args positional arguments
 * @param kwargs keyword arguments
 */
public record ScheduledTask(String name, String task, String queue, Schedule schedule, List<Object> args,
        Map<String, Object> kwargs) {
}
