package org.acme.quickstart;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import io.quarkus.redis.datasource.RedisDataSource;

@Path("/redis/ping")
public class RedisPingResource {

    @Inject
    RedisDataSource redis;

    @GET
    public String ping() {
        return redis.execute("PING").toString();
    }
}
