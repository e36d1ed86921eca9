package io.celeriac.broker;

/**
 * A message a consumer took from its queue and holds in flight until it acknowledges, requeues, reschedules or
 * dead-letters it.
 *
 * @param consumer the consumer holding it
 * @param tag the consumer's handle on it
 * @param payload the message as stored
 */
public record Delivery(QueueConsumer consumer, String tag, String payload) {

    public String queue() {
        return consumer.queue();
    }

    @Override
    public String toString() {
        return "Delivery[" + consumer.queue() + "#" + tag + "]";
    }
}
