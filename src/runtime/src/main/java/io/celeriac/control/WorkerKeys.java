package io.celeriac.control;

/**
 * Redis names of the worker registry.
 *
 * @param prefix {@code celeriac.key-prefix}
 */
public record WorkerKeys(String prefix) {

    /** Sorted set: worker id → when its heartbeat expires (epoch ms). */
    public String registry() {
        return prefix + ":workers";
    }

    /** A worker's last heartbeat (JSON), expiring with it. */
    public String worker(String id) {
        return prefix + ":worker:" + id;
    }
}
