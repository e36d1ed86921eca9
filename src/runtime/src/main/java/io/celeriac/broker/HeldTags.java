package io.celeriac.broker;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The delivery tags a consumer knows it holds, and those whose acknowledgement is in a pipeline not yet written
 * (still in flight in Redis, but not to be run again). Anything else its in-flight bookkeeping in Redis holds is an
 * orphan: a fetch or blocking read whose reply was lost took it.
 */
final class HeldTags {

    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final Set<String> settling = ConcurrentHashMap.newKeySet();

    void add(String tag) {
        held.add(tag);
    }

    /** The message was settled (dead-lettered, rescheduled, returned to the queue): no longer held. */
    void forget(String tag) {
        held.remove(tag);
    }

    void forgetAll(Collection<String> tags) {
        held.removeAll(tags);
    }

    /** Its acknowledgement was put in a pipeline: no longer held, not an orphan until the pipeline is written. */
    void acknowledging(String tag) {
        settling.add(tag);
        held.remove(tag);
    }

    /** The pipeline carrying its acknowledgement was written. */
    void acknowledged(String tag) {
        settling.remove(tag);
    }

    /** Whether {@code tag} is one this consumer holds or is acknowledging, i.e. not an orphan. */
    boolean knows(String tag) {
        return held.contains(tag) || settling.contains(tag);
    }

    /** How many in-flight entries this consumer accounts for; more in Redis means orphans. */
    int accountedFor() {
        return held.size() + settling.size();
    }

    boolean isEmpty() {
        return held.isEmpty();
    }

    int size() {
        return held.size();
    }

    List<String> tags() {
        return List.copyOf(held);
    }
}
