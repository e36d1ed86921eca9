package io.celeriac.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * A Lua script shipped as a resource under {@code io/celeriac/lua/}, called by SHA1 with EVALSHA and sent in
 * full (EVAL) only when Redis does not know it yet, e.g. after a restart emptied its script cache.
 */
public final class LuaScript {

    private final String name;
    private final String source;
    private final String sha1;

    private LuaScript(String name, String source) {
        this.name = name;
        this.source = source;
        this.sha1 = sha1(source);
    }

    /** Loads {@code io/celeriac/lua/<name>.lua} from the class path. */
    public static LuaScript load(String name) {
        String resource = "io/celeriac/lua/" + name + ".lua";
        try (InputStream in = LuaScript.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing Celeriac resource " + resource);
            }
            return new LuaScript(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String name() {
        return name;
    }

    /** Runs the script and waits for its reply. */
    public Response run(RedisCommands redis, List<String> keys, List<String> args) {
        try {
            return redis.send(request(Command.EVALSHA, sha1, keys, args));
        } catch (RedisUnavailableException e) {
            if (!RedisGateway.isNoScript(e)) {
                throw e;
            }
            return redis.send(request(Command.EVAL, source, keys, args));
        }
    }

    /** An EVALSHA request, for pipelines; a NOSCRIPT reply fails it, after which {@link #run} loads the script. */
    public Request shaRequest(List<String> keys, List<String> args) {
        return request(Command.EVALSHA, sha1, keys, args);
    }

    /**
     * An EVAL request carrying the whole script, for pipelines where a NOSCRIPT reply could not be retried alone.
     * Redis caches it as EVALSHA would find it.
     */
    public Request evalRequest(List<String> keys, List<String> args) {
        return request(Command.EVAL, source, keys, args);
    }

    private static Request request(Command command, String script, List<String> keys, List<String> args) {
        Request request = Request.cmd(command).arg(script).arg(keys.size());
        for (String key : keys) {
            request.arg(key);
        }
        for (String arg : args) {
            request.arg(arg);
        }
        return request;
    }

    private static String sha1(String source) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return name + ".lua";
    }
}
