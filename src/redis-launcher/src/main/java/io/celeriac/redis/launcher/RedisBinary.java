package io.celeriac.redis.launcher;

import java.nio.file.Path;

/**
 * A redis-server executable and where it was found.
 *
 * @param path the executable
 * @param origin how it was chosen
 */
public record RedisBinary(Path path, Origin origin) {

    /** Where a redis-server binary came from. */
    public enum Origin {
        /** Named explicitly by configuration. */
        CONFIGURED,
        /** Found as {@code redis-server} on the {@code PATH}. */
        PATH,
        /** Extracted from the {@code com.github.codemonstur:embedded-redis} jar (Redis 6.2). */
        EMBEDDED
    }

    @Override
    public String toString() {
        return path + " (" + origin.name().toLowerCase() + ")";
    }
}
