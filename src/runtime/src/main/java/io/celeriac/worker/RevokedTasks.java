package io.celeriac.worker;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.celeriac.control.Revocations;

/** The worker's copy of the revocations in force: loaded at start and on every resubscription, fed by broadcasts. */
final class RevokedTasks {

    private final Map<String, Long> expiries = new ConcurrentHashMap<>();

    void addAll(List<Revocations.Revoked> revoked) {
        for (Revocations.Revoked r : revoked) {
            add(r.taskId(), r.expiresAtMillis());
        }
    }

    void add(String taskId, long expiresAtMillis) {
        expiries.merge(taskId, expiresAtMillis, Math::max);
    }

    boolean contains(String taskId) {
        Long expiry = expiries.get(taskId);
        if (expiry == null) {
            return false;
        }
        if (expiry < System.currentTimeMillis()) {
            expiries.remove(taskId, expiry);
            return false;
        }
        return true;
    }

    /** Forgets expired revocations, so that the map does not grow for ever. */
    void prune() {
        long now = System.currentTimeMillis();
        expiries.values().removeIf(expiry -> expiry < now);
    }

    int size() {
        return expiries.size();
    }
}
