package io.celeriac.worker;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.celeriac.Workers;
import io.celeriac.broker.Broker;
import io.celeriac.broker.Delivery;
import io.celeriac.broker.QueueConsumer;
import io.celeriac.control.BrokerCheck;
import io.celeriac.control.Revocations;
import io.celeriac.control.WorkerKeys;
import io.celeriac.message.MessageCodec;
import io.celeriac.metrics.TaskMetrics;
import io.celeriac.redis.RedisGateway;
import io.celeriac.registry.TaskDefinition;
import io.celeriac.registry.TaskRegistry;
import io.celeriac.result.ResultListener;
import io.celeriac.result.ResultStore;
import io.celeriac.runtime.CeleriacConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * The worker role: consumes the configured queues when {@code celeriac.worker.enabled=true}.
 *
 * <p>
 * Shutdown is graceful: fetching stops, running tasks get {@code celeriac.worker.shutdown-timeout} to finish, the
 * ones still running are interrupted and their messages returned to the front of their queue at once, pending
 * results are written, and the worker leaves. Nothing waits for a lease to expire unless Redis is unreachable.
 */
@Singleton
public class Worker {

    private static final Logger LOG = Logger.getLogger(Worker.class);

    private final TaskRegistry registry;
    private final Broker broker;
    private final RedisGateway redis;
    private final ResultStore store;
    private final ObjectMapper mapper;
    private final CeleriacConfig config;
    private final WorkerIdentity identity;
    private final Revocations revocations;
    private final Vertx vertx;
    private ControlListener control;
    private WorkerHeartbeat heartbeat;
    private final TaskMetrics metrics;

    private final List<ConsumerLoop> loops = new ArrayList<>();
    private final List<Thread> loopThreads = new ArrayList<>();
    private final List<QueueMaintenance> maintenance = new ArrayList<>();
    private final Map<String, QueueConsumer> consumers = new LinkedHashMap<>();
    private Slots slots;
    private ResultPipeline results;
    private volatile TaskRunner runner;
    /** The consumer loops once all are started, for the result writer's thread to read. */
    private volatile List<ConsumerLoop> feeding = List.of();
    private ScheduledExecutorService watchdog;
    private volatile boolean running;

    Worker(TaskRegistry registry, Broker broker, RedisGateway redis, ResultStore store, ObjectMapper mapper,
            CeleriacConfig config, WorkerIdentity identity, Revocations revocations, Vertx vertx,
            Instance<TaskMetrics> metrics) {
        this.metrics = metrics.isResolvable() ? metrics.get() : TaskMetrics.NONE;
        this.registry = registry;
        this.broker = broker;
        this.redis = redis;
        this.store = store;
        this.mapper = mapper;
        this.config = config;
        this.identity = identity;
        this.revocations = revocations;
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.worker().enabled()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Starts consuming; called at start-up when the worker role is enabled. */
    public synchronized void start() {
        if (running) {
            return;
        }
        CeleriacConfig.WorkerConfig settings = config.worker();
        atLeastOne("celeriac.worker.concurrency", settings.concurrency());
        atLeastOne("celeriac.worker.prefetch", settings.prefetch());
        atLeastOne("celeriac.worker.prefetch-multiplier", settings.prefetchMultiplier());
        running = true;
        int multiplier = settings.prefetchMultiplier();
        slots = new Slots(settings.concurrency(), settings.concurrency() * multiplier);
        results = new ResultPipeline(redis, store, this::settlingSoon);
        results.start();
        watchdog = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("celeriac-watchdog")
                .factory());
        RevokedTasks revoked = new RevokedTasks();
        // Before the first fetch: a worker started after a revocation must honour it.
        revoked.addAll(loadRevocations());
        ReplyChannels replies = new ReplyChannels(ResultListener.channelPrefix(config), store);
        runner = new TaskRunner(registry, mapper, results, broker, slots, identity, watchdog, config, () -> running,
                revoked, replies, metrics);
        WorkerLostFailures lost = new WorkerLostFailures(new MessageCodec(mapper), registry, results, replies,
                identity.name(), metrics);
        control = new ControlListener(redis, vertx, revocations, revoked, runner, mapper, this);
        control.open();
        for (String queue : settings.queues()) {
            QueueConsumer consumer = broker.consumer(queue, identity.consumerId());
            consumers.put(queue, consumer);
            ConsumerLoop loop = new ConsumerLoop(consumer, slots, runner, Math.min(settings.prefetch(), 1000),
                    multiplier > 1, settings.queues().size() == 1, settings.blockTime());
            loops.add(loop);
            // A platform thread: it blocks on Redis replies all the time, and waking a parked platform thread
            // costs the event loop one futex call where a virtual thread also wakes a carrier (measured: about
            // a quarter less worker CPU per task on the round-trip benchmark).
            Thread loopThread = Thread.ofPlatform().daemon().name("celeriac-consumer-" + queue).unstarted(loop);
            loop.runOn(loopThread);
            loopThread.start();
            loopThreads.add(loopThread);
            QueueMaintenance duties = new QueueMaintenance(consumer, redis, lost, settings.leaseDuration(),
                    settings.delayedPollInterval());
            maintenance.add(duties);
            Thread.ofVirtual().name("celeriac-maintenance-" + queue).start(duties);
        }
        feeding = List.copyOf(loops);
        heartbeat = new WorkerHeartbeat(redis, mapper, new WorkerKeys(config.keyPrefix()), identity,
                List.copyOf(consumers.values()), settings.concurrency(), runner::settledCount, this::running,
                this::pausedQueues);
        Thread.ofVirtual().name("celeriac-heartbeat").start(heartbeat);
        metrics.bindWorker(slots::busy, heartbeat::depth, List.copyOf(consumers.keySet()));
        Thread.ofVirtual().name("celeriac-broker-check").start(() -> BrokerCheck.warnIfUnsafe(redis));
        LOG.infof("Celeriac worker %s consuming %s with concurrency %d; tasks: %s", identity.name(), settings.queues(),
                settings.concurrency(),
                registry.all().stream().map(TaskDefinition::name).sorted().collect(Collectors.joining(", ")));
    }

    /** Stops gracefully; called at shutdown. */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        Duration timeout = config.worker().shutdownTimeout();
        LOG.infof("Celeriac worker %s stopping: no new tasks; waiting up to %s for %d running", identity.name(),
                timeout, runner.inFlight().size());
        loops.forEach(ConsumerLoop::stop);
        control.close();
        heartbeat.stop();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!runner.inFlight().isEmpty() && System.nanoTime() < deadline) {
            sleep(20);
        }
        returnUnfinished();
        running = false;
        // Maintenance first: a FAILURE its last recovery pass records must reach the result writer before it stops.
        maintenance.forEach(duties -> duties.stop(Duration.ofSeconds(2)));
        results.stop(Duration.ofSeconds(5));
        for (Thread thread : loopThreads) {
            try {
                thread.join(config.worker().blockTime().toMillis() + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (QueueConsumer consumer : consumers.values()) {
            try {
                long held = consumer.leave();
                if (held > 0) {
                    LOG.warnf("%d messages of queue %s are still held by this worker; its lease was expired so that"
                            + " another worker recovers them now", held, consumer.queue());
                }
            } catch (RuntimeException e) {
                LOG.warnf("Could not leave queue %s cleanly (%s); its messages will be recovered after the lease"
                        + " expires", consumer.queue(), e.getMessage());
            }
        }
        watchdog.shutdownNow();
        LOG.infof("Celeriac worker %s stopped", identity.name());
    }

    /**
     * How many messages this worker holds whose tasks should settle within moments: running or waiting in memory for
     * a slot, while recent tasks have been short (the result writer waits briefly for their results).
     */
    private int settlingSoon() {
        TaskRunner tasks = runner;
        if (tasks == null || !tasks.recentTasksAreShort()) {
            return 0;
        }
        int held = tasks.inFlight().size();
        for (ConsumerLoop loop : feeding) {
            held += loop.waitingCount();
        }
        return held;
    }

    private List<Revocations.Revoked> loadRevocations() {
        Backoff backoff = new Backoff(LOG, "Worker start (loading revocations)");
        while (true) {
            try {
                return revocations.load();
            } catch (RuntimeException e) {
                if (!backoff.pause(e)) {
                    throw e;
                }
            }
        }
    }

    private void returnUnfinished() {
        Map<QueueConsumer, List<Delivery>> unfinished = new LinkedHashMap<>();
        for (InFlight task : runner.inFlight()) {
            if (task.claimSettlement()) {
                unfinished.computeIfAbsent(task.delivery.consumer(), c -> new ArrayList<>()).add(task.delivery);
                Thread thread = task.thread;
                if (thread != null) {
                    thread.interrupt();
                }
                LOG.warnf("Task %s[%s] did not finish within the shutdown timeout; returning it to queue %s",
                        task.taskName(), task.taskId(), task.delivery.queue());
            }
        }
        for (Map.Entry<QueueConsumer, List<Delivery>> entry : unfinished.entrySet()) {
            try {
                entry.getKey().requeue(entry.getValue());
            } catch (RuntimeException e) {
                LOG.warnf("Could not return %d messages to queue %s (%s); they will be recovered from this worker's"
                        + " lease", entry.getValue().size(), entry.getKey().queue(), e.getMessage());
            }
        }
    }

    /** Whether the worker role runs. */
    public boolean isRunning() {
        return running;
    }

    /**
     * The state of one queue's consumer loop.
     *
     * @param queue the queue
     * @param alive whether its thread runs
     * @param lastProgressMillis when it last completed a step (epoch ms)
     */
    public record LoopStatus(String queue, boolean alive, long lastProgressMillis) {
    }

    /** The consumer loops, one per queue. */
    public synchronized List<LoopStatus> loops() {
        List<LoopStatus> status = new ArrayList<>(loops.size());
        for (ConsumerLoop loop : loops) {
            status.add(new LoopStatus(loop.queue(), loop.isAlive(), loop.lastProgressMillis()));
        }
        return status;
    }

    /** The tasks running now: id, name and when each started. */
    public List<Workers.RunningTask> running() {
        TaskRunner r = runner;
        if (r == null) {
            return List.of();
        }
        List<Workers.RunningTask> running = new ArrayList<>();
        for (InFlight task : r.inFlight()) {
            Instant started = task.startedAt;
            if (task.message != null && started != null) {
                running.add(new Workers.RunningTask(task.taskId(), task.taskName(), started));
            }
        }
        return running;
    }

    /** Pauses or resumes consuming {@code queue}; returns whether this worker consumes it. */
    synchronized boolean pause(String queue, boolean paused) {
        boolean found = false;
        for (ConsumerLoop loop : loops) {
            if (loop.queue().equals(queue)) {
                loop.pause(paused);
                found = true;
            }
        }
        return found;
    }

    /** The queues paused by control commands. */
    synchronized List<String> pausedQueues() {
        return loops.stream().filter(ConsumerLoop::isPaused).map(ConsumerLoop::queue).toList();
    }

    /** The worker's identity. */
    public WorkerIdentity identity() {
        return identity;
    }

    /** Tasks running now. */
    public int busySlots() {
        return slots == null ? 0 : slots.busy();
    }

    private static void atLeastOne(String key, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(key + " must be at least 1, was " + value);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
