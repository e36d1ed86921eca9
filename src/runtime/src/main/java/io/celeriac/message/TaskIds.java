package io.celeriac.message;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Random version-4 UUIDs for task ids and delivery tags. */
public final class TaskIds {

    private TaskIds() {
    }

    /**
     * A new id. Ids must be unique, not unguessable, so a thread-local generator replaces the SecureRandom behind
     * {@link UUID#randomUUID()}, which serialises producers on one lock.
     */
    public static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long msb = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long lsb = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }
}
