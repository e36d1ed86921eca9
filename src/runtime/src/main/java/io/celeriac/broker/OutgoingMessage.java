package io.celeriac.broker;

/**
 * An encoded message ready to be stored in a queue.
 *
 * @param payload the JSON envelope
 * @param priority 0 (most urgent) to 9
 * @param dueAtMillis when it may run (epoch ms), or 0 for now
 */
public record OutgoingMessage(String payload, int priority, long dueAtMillis) {

    public boolean isDelayed() {
        return dueAtMillis > 0;
    }
}
