package io.celeriac.registry;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Singleton;

/**
 * The tasks this application can run, by name. Filled once at start-up from the table the build generated.
 */
@Singleton
public class TaskRegistry {

    private volatile Map<String, TaskDefinition> tasks = Map.of();

    /** Called by the extension's recorder with the generated table. */
    public void init(TaskTable table) {
        Map<String, TaskDefinition> byName = new LinkedHashMap<>();
        for (TaskDefinition task : table.tasks()) {
            byName.put(task.name(), task);
        }
        tasks = Collections.unmodifiableMap(byName);
    }

    /** The task of that name, or {@code null}. */
    public TaskDefinition find(String name) {
        return tasks.get(name);
    }

    public Collection<TaskDefinition> all() {
        return tasks.values();
    }
}
