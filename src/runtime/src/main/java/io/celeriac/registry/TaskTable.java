package io.celeriac.registry;

import java.util.List;

/** The tasks of the application, as the build found them; implemented by a class generated at build time. */
public interface TaskTable {

    /** Every task, in a stable order. */
    List<TaskDefinition> tasks();
}
