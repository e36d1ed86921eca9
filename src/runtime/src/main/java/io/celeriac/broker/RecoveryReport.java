package io.celeriac.broker;

import java.util.List;

/**
 * What one recovery pass did.
 *
 * @param deadConsumers consumers whose lease had expired
 * @param returned messages returned to the queue
 * @param deadLettered messages moved to the dead-letter store as poison
 */
public record RecoveryReport(List<String> deadConsumers, long returned, long deadLettered) {

    public static final RecoveryReport NOTHING = new RecoveryReport(List.of(), 0, 0);

    public boolean isEmpty() {
        return deadConsumers.isEmpty();
    }
}
