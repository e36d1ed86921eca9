package io.celeriac.broker;

import java.util.ArrayList;
import java.util.List;

import io.vertx.redis.client.Response;

/**
 * What one recovery pass did.
 *
 * @param deadConsumers consumers whose lease had expired
 * @param returned messages returned to the queue
 * @param deadLettered messages moved to the dead-letter store as poison instead
 */
public record RecoveryReport(List<String> deadConsumers, long returned, List<DeadLettered> deadLettered) {

    public static final RecoveryReport NOTHING = new RecoveryReport(List.of(), 0, List.of());

    /**
     * A message that a recovery pass moved to the dead-letter store: it has been delivered more than
     * {@code celeriac.worker.max-redeliveries} times, and every worker that took it died before settling it.
     *
     * @param queue the queue it came from
     * @param message the message exactly as it was stored in the queue
     * @param deliveries how many times it was delivered
     */
    public record DeadLettered(String queue, String message, long deliveries) {
    }

    public boolean isEmpty() {
        return deadConsumers.isEmpty();
    }

    /** Reads the flat {@code queue, message, deliveries, ...} triples that the recovery scripts return. */
    static List<DeadLettered> readDeadLettered(Response triples) {
        List<DeadLettered> dead = new ArrayList<>(triples.size() / 3);
        for (int i = 0; i + 2 < triples.size(); i += 3) {
            dead.add(new DeadLettered(triples.get(i).toString(), triples.get(i + 1).toString(),
                    triples.get(i + 2).toLong()));
        }
        return dead;
    }
}
