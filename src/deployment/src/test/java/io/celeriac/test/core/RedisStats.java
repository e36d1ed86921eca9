package io.celeriac.test.core;

import io.quarkus.redis.datasource.RedisDataSource;

/** Reads Redis's own command counters, to check how many round trips a call really made. */
public final class RedisStats {

    private RedisStats() {
    }

    public static long calls(RedisDataSource redis, String command) {
        String stats = redis.execute("INFO", "commandstats").toString();
        String marker = "cmdstat_" + command + ":calls=";
        int at = stats.indexOf(marker);
        if (at < 0) {
            return 0;
        }
        int end = stats.indexOf(',', at);
        return Long.parseLong(stats.substring(at + marker.length(), end));
    }
}
