package io.celeriac.result;

import java.util.Optional;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.celeriac.TaskInfo;
import io.celeriac.redis.RedisGateway;
import io.celeriac.runtime.CeleriacConfig;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/** Reads and writes result documents in Redis. */
@Singleton
public class ResultStore {

    private final RedisGateway redis;
    private final ObjectMapper mapper;
    private final String keyPrefix;
    private final long expiresMillis;

    ResultStore(RedisGateway redis, ObjectMapper mapper, CeleriacConfig config) {
        this.redis = redis;
        this.mapper = mapper;
        this.keyPrefix = config.result().keyPrefix();
        this.expiresMillis = config.result().expires().toMillis();
    }

    /** The start of every result key, and of Celery's per-task notification channels. */
    public String keyPrefix() {
        return keyPrefix;
    }

    public String key(String taskId) {
        return keyPrefix + taskId;
    }

    /** The SET that stores {@code document}, with the configured expiry. */
    public Request write(String taskId, ObjectNode document) {
        return write(taskId, document.toString());
    }

    public Request write(String taskId, String documentJson) {
        return Request.cmd(Command.SET).arg(key(taskId)).arg(documentJson).arg("PX").arg(expiresMillis);
    }

    /** What is stored for {@code taskId}, if anything. */
    public Optional<TaskInfo> read(String taskId) {
        return parse(redis.send(Request.cmd(Command.GET).arg(key(taskId))));
    }

    public Future<Optional<TaskInfo>> readAsync(String taskId) {
        return redis.sendAsync(Request.cmd(Command.GET).arg(key(taskId))).map(this::parse);
    }

    private Optional<TaskInfo> parse(Response response) {
        return response == null ? Optional.empty() : Optional.of(ResultDocuments.read(mapper, response.toString()));
    }
}
