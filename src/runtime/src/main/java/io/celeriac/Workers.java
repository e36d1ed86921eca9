package io.celeriac;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The live workers sharing this application's Redis, and control over them. Every worker announces itself with
 * a heartbeat that expires when it dies; control messages travel over pub/sub to all workers or to one, named by
 * its worker name or id.
 */
public interface Workers {

    /**
     * A task a worker is running.
     *
     * @param id the task id
     * @param task the task name
     * @param startedAt when it started
     */
    record RunningTask(String id, String task, Instant startedAt) {
    }

    /**
     * A live worker, as of its last heartbeat.
     *
     * @param id the worker process's unique id (also its consumer name)
     * @param name its name ({@code celeriac@host} unless configured)
     * @param hostname the host
     * @param pid the process id
     * @param queues the queues it consumes
     * @param concurrency how many tasks it runs at once
     * @param startedAt when it started
     * @param version the Celeriac version
     * @param tasksDone how many tasks it has settled
     * @param paused the queues it has paused
     * @param running what it is running
     * @param heartbeatAt when it last announced itself
     */
    record WorkerInfo(String id, String name, String hostname, long pid, List<String> queues, int concurrency,
            Instant startedAt, String version, long tasksDone, List<String> paused, List<RunningTask> running,
            Instant heartbeatAt) {
    }

    /** The workers whose heartbeat has not expired. */
    List<WorkerInfo> live();

    /** Asks every worker to answer; returns the ids of those that did within {@code timeout}. */
    List<String> ping(Duration timeout);

    /**
     * Stops fetching from {@code queue} on every worker ({@code worker} null) or on one (name or id). Tasks already
     * running finish; messages a worker fetched but has not started go back to the queue.
     */
    void pause(String queue, String worker);

    /** Undoes {@link #pause}. */
    void resume(String queue, String worker);

    /** Asks every worker ({@code worker} null) or one (name or id) to shut down gracefully. */
    void shutdown(String worker);

    /** The Redis figures that matter to a broker: version, memory, eviction policy, persistence, clients, ops. */
    Map<String, String> brokerInfo();
}
