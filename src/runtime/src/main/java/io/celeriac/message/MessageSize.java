package io.celeriac.message;

import java.nio.charset.StandardCharsets;

/** The size of a message as stored in Redis (UTF-8), computed only when it could exceed the limit. */
public final class MessageSize {

    private MessageSize() {
    }

    /** The UTF-8 size of {@code payload}; exact when it may exceed {@code limit}, a lower bound otherwise. */
    public static long bytes(String payload, long limit) {
        // A char takes at most 3 UTF-8 bytes (surrogate pairs take 4 for 2 chars): short strings need no encoding.
        if ((long) payload.length() * 3 <= limit) {
            return payload.length();
        }
        return payload.getBytes(StandardCharsets.UTF_8).length;
    }
}
