package io.celeriac.worker;

import jakarta.inject.Singleton;

import io.celeriac.message.TaskIds;
import io.celeriac.runtime.CeleriacConfig;
import io.celeriac.runtime.ProcessIdentity;

/**
 * This worker's names: the one operators see ({@code celeriac@host}) and the consumer id under which it holds
 * messages in Redis, unique to this process so that a restarted worker never mistakes a dead one's messages
 * for its own.
 */
@Singleton
public class WorkerIdentity {

    private final String name;
    private final String consumerId;
    private final ProcessIdentity process;

    WorkerIdentity(CeleriacConfig config, ProcessIdentity process) {
        this.process = process;
        this.name = config.worker().name().orElse("celeriac@" + process.hostname());
        this.consumerId = name.replace('{', '(').replace('}', ')') + ":" + process.pid() + ":"
                + TaskIds.newId().substring(0, 8);
    }

    public String name() {
        return name;
    }

    public String consumerId() {
        return consumerId;
    }

    public String hostname() {
        return process.hostname();
    }

    public long pid() {
        return process.pid();
    }
}
