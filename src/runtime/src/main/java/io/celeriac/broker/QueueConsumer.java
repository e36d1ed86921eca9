package io.celeriac.broker;

import java.time.Duration;
import java.util.List;

import io.vertx.redis.client.Request;

/**
 * A worker's hold on one queue: takes messages, keeps them in flight under a lease, and settles each one
 * (acknowledge, requeue, reschedule, dead-letter). Each step that moves a message is atomic in Redis.
 */
public interface QueueConsumer {

    /** The queue. */
    String queue();

    /** Takes up to {@code max} ready messages without blocking. */
    List<Delivery> fetch(int max);

    /**
     * Blocks up to {@code timeout} until a message may be ready; returns at once when one already is. A
     * message it receives is already held in flight and returned by the next {@link #fetch(int)}.
     */
    boolean awaitMessages(Duration timeout);

    /**
     * Blocks up to {@code timeout} until a message may be ready, then fetches up to {@code max}, as
     * {@link #awaitMessages} followed by {@link #fetch}; a transport may do both in one round trip.
     */
    default List<Delivery> awaitAndFetch(int max, Duration timeout) {
        return awaitMessages(timeout) ? fetch(max) : List.of();
    }

    /**
     * Puts back on the queue whatever a blocking read took for this consumer and no fetch handed out yet: a
     * consumer paused while blocked must not sit on a message that other workers could run.
     */
    default void releaseLanded() {
    }

    /** Adds the commands that acknowledge (forget) these deliveries to a pipeline. */
    void appendAck(List<Request> pipeline, List<Delivery> deliveries);

    /** Told once the acknowledgements added by {@link #appendAck} are written. */
    default void acknowledged(List<Delivery> deliveries) {
    }

    /** Moves a delivery to the dead-letter store, replacing it by {@code entryJson}. */
    void deadLetter(Delivery delivery, String entryJson);

    /** Replaces a delivery by {@code next}, to be delivered at its due time. */
    void reschedule(Delivery delivery, OutgoingMessage next);

    /**
     * Returns deliveries to the queue at once, in their order (the first of them is taken first): ahead of the
     * waiting messages on lists, behind them on a stream, which only appends.
     */
    int requeue(List<Delivery> deliveries);

    /** Renews this consumer's lease; returns {@code false} if it had been lost (reaped as dead). */
    boolean renewLease();

    /**
     * Returns the messages of consumers whose lease expired to the queue, and moves those delivered too often to
     * the dead-letter store; reports both, with the dead-lettered messages themselves.
     */
    RecoveryReport recoverAbandoned();

    /** Moves due delayed messages to the queue; returns the epoch ms of the next due one, or -1. */
    long promoteDue();

    /**
     * Looks for messages held under this consumer's lease that the worker does not know about (a fetch whose reply
     * was lost) and arranges for the next fetch to hand them out. Transports whose leases are per message recover
     * such messages by themselves.
     */
    default void checkOrphans() {
    }

    /** How many messages wait in the queue now (not delayed, not in flight), for gauges and the API. */
    long depth();

    /** Releases the blocking connection and leaves the consumer set; returns messages still held. */
    long leave();
}
