package io.celeriac.deployment.devservices;

import java.util.Map;
import java.util.stream.Collectors;

import io.quarkus.redis.datasource.RedisDataSource;

/** Reads {@code INFO server} through the application's own Redis client. */
final class RedisInfo {

    private RedisInfo() {
    }

    static Map<String, String> server(RedisDataSource redis) {
        String info = redis.execute("INFO", "server").toString();
        return info.lines()
                .filter(line -> line.contains(":") && !line.startsWith("#"))
                .collect(Collectors.toMap(line -> line.substring(0, line.indexOf(':')),
                        line -> line.substring(line.indexOf(':') + 1).trim(), (a, b) -> a));
    }
}
