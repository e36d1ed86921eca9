package io.celeriac.control;

/**
 * Redis names shared by all queues: the revoked-task set and the control channel workers listen on.
 *
 * @param prefix {@code celeriac.key-prefix}
 */
public record ControlKeys(String prefix) {

    /** Sorted set: revoked task id → when the revocation expires (epoch ms). */
    public String revoked() {
        return prefix + ":revoked";
    }

    /** Pub/sub channel of control messages to every worker. */
    public String channel() {
        return prefix + ":control";
    }
}
