package io.celeriac.result;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.celeriac.TaskInfo;
import io.celeriac.message.TaskIds;
import io.celeriac.redis.RedisGateway;
import io.celeriac.runtime.CeleriacConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * Waits for results without polling: this process subscribes once to its own reply channel, which every message it
 * sends names in {@code reply_to}; workers publish the final result documents of those tasks there.
 *
 * <p>
 * A waiter reads the stored result once its channel is subscribed, so a result published before anybody waited is
 * not missed. When the subscription breaks (Redis restarted), it is re-established and every pending task is read
 * again, since notifications sent meanwhile are gone.
 *
 * <p>
 * The read is skipped for a task sent while the subscription was already up and that has stayed up since (see
 * {@link #mark()}): its notification cannot have been missed, so it is either on its way or among the recent ones
 * nobody was waiting for yet, which are kept, a bounded number of them, for a waiter that comes late.
 */
@Singleton
public class ResultListener {

    private static final Logger LOG = Logger.getLogger(ResultListener.class);

    /** How many notifications nobody waited for are kept; older ones are dropped, and their waiters read instead. */
    private static final int UNCLAIMED_LIMIT = 4096;

    /** Pause before subscribing again after the connection broke. */
    private static final long RECONNECT_DELAY_MS = 500;

    private final RedisGateway redis;
    private final ResultStore store;
    private final ObjectMapper mapper;
    private final Vertx vertx;
    private final String channel;
    private final Map<String, Set<CompletableFuture<TaskInfo>>> waiters = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    /** Tasks watched on their own channel → how many waiters need it. */
    private final Map<String, Integer> taskChannels = new ConcurrentHashMap<>();
    private CompletableFuture<Void> subscription;
    /** Number of the subscription that is up now, 0 while none is; guarded by {@code lock}. */
    private long live;
    private long subscriptionsMade;
    /** Final states notified while nobody waited for them; guarded by {@code lock}. */
    private final LinkedHashMap<String, TaskInfo> unclaimed = new LinkedHashMap<>();
    /** How many entries {@link #unclaimed} has dropped; guarded by {@code lock}. */
    private long unclaimedDropped;
    private RedisConnection connection;
    private volatile boolean closed;

    ResultListener(RedisGateway redis, ResultStore store, ObjectMapper mapper, Vertx vertx, CeleriacConfig config) {
        this.redis = redis;
        this.store = store;
        this.mapper = mapper;
        this.vertx = vertx;
        this.channel = channelPrefix(config) + TaskIds.newId();
    }

    /** The start of every Celeriac client's reply channel name. */
    public static String channelPrefix(CeleriacConfig config) {
        return config.keyPrefix() + ":reply:";
    }

    /** The channel on which this process hears about the results of the tasks it sent. */
    public String channel() {
        return channel;
    }

    /**
     * Where the reply channel stands, taken just before sending a task: if the same subscription is still up when
     * the task is waited for, and no unclaimed notification was dropped meanwhile, its notification cannot have
     * been missed.
     *
     * @param subscription the number of the subscription that was up
     * @param dropped how many unclaimed notifications had been dropped
     */
    public record SendMark(long subscription, long dropped) {
    }

    /** Marks a send about to happen; {@code null} if no subscription is up, so waiters will read instead. */
    public SendMark mark() {
        synchronized (lock) {
            return live == 0 ? null : new SendMark(live, unclaimedDropped);
        }
    }

    /**
     * A future completed with the task's final state (SUCCESS, FAILURE or REVOKED). Cancel or time it out to stop
     * waiting; it is forgotten then.
     */
    public CompletableFuture<TaskInfo> watch(String taskId) {
        return watch(taskId, false, null);
    }

    /** Like {@link #watch(String)} for a task sent under {@code mark}, which may spare the read of its state. */
    public CompletableFuture<TaskInfo> watch(String taskId, SendMark mark) {
        return watch(taskId, false, mark);
    }

    /**
     * Like {@link #watch(String)}; with {@code viaTaskChannel}, also listens on the task's own channel (Celery's
     * {@code celery-task-meta-<id>}), for tasks this process did not send or that a Celery worker may run: they do
     * not announce themselves on this process's reply channel. Such channels share this process's one
     * subscription connection and are dropped once the task is done.
     */
    public CompletableFuture<TaskInfo> watch(String taskId, boolean viaTaskChannel) {
        return watch(taskId, viaTaskChannel, null);
    }

    private CompletableFuture<TaskInfo> watch(String taskId, boolean viaTaskChannel, SendMark mark) {
        CompletableFuture<TaskInfo> waiter = new CompletableFuture<>();
        TaskInfo arrived;
        boolean notificationPending;
        synchronized (lock) {
            // Under the lock that dispatch takes too: a notification lands either in the waiters or in unclaimed.
            waiters.computeIfAbsent(taskId, id -> ConcurrentHashMap.newKeySet()).add(waiter);
            arrived = unclaimed.remove(taskId);
            notificationPending = mark != null && mark.subscription() == live && mark.dropped() == unclaimedDropped;
        }
        if (arrived != null) {
            waiter.complete(arrived);
        }
        if (viaTaskChannel) {
            taskChannels.merge(taskId, 1, Integer::sum);
        }
        waiter.whenComplete((info, failure) -> {
            forget(taskId, waiter);
            if (viaTaskChannel && taskChannels.computeIfPresent(taskId, (id, n) -> n > 1 ? n - 1 : null) == null) {
                sendOnSubscription(Command.UNSUBSCRIBE, store.key(taskId));
            }
        });
        if (arrived != null || notificationPending) {
            return waiter;
        }
        subscribed().thenRun(() -> {
            if (viaTaskChannel) {
                // The confirmation of this SUBSCRIBE triggers a read of the stored state (see onPush).
                sendOnSubscription(Command.SUBSCRIBE, store.key(taskId));
            } else {
                checkStored(taskId);
            }
        });
        return waiter;
    }

    private void sendOnSubscription(Command command, String taskChannel) {
        RedisConnection conn;
        synchronized (lock) {
            conn = connection;
        }
        if (conn != null) {
            conn.send(Request.cmd(command).arg(taskChannel))
                    .onFailure(e -> LOG.debugf("%s %s failed: %s", command, taskChannel, e.getMessage()));
        }
    }

    /** How many tasks are being waited for; for metrics and tests. */
    public int pending() {
        return waiters.size();
    }

    private void forget(String taskId, CompletableFuture<TaskInfo> waiter) {
        waiters.computeIfPresent(taskId, (id, set) -> {
            set.remove(waiter);
            return set.isEmpty() ? null : set;
        });
    }

    private CompletableFuture<Void> subscribed() {
        synchronized (lock) {
            if (subscription == null) {
                subscription = new CompletableFuture<>();
                connect(subscription);
            }
            return subscription;
        }
    }

    private void connect(CompletableFuture<Void> attempt) {
        if (closed) {
            return;
        }
        redis.connectAsync().onSuccess(conn -> {
            synchronized (lock) {
                connection = conn;
            }
            conn.handler(push -> onPush(push, attempt));
            conn.exceptionHandler(e -> lost(conn, e));
            conn.endHandler(v -> lost(conn, null));
            conn.send(Request.cmd(Command.SUBSCRIBE).arg(channel)).onFailure(e -> lost(conn, e));
        }).onFailure(e -> {
            LOG.debugf("Cannot subscribe to %s yet: %s", channel, e.getMessage());
            retryLater(attempt);
        });
    }

    private void onPush(Response push, CompletableFuture<Void> attempt) {
        if (push == null || push.size() < 3) {
            return;
        }
        String kind = push.get(0).toString();
        if ("subscribe".equals(kind)) {
            String subscribed = push.get(1).toString();
            if (!subscribed.equals(channel)) {
                // A task channel: anything stored before it was in place is read now.
                checkStored(subscribed.substring(store.keyPrefix().length()));
                return;
            }
            synchronized (lock) {
                live = ++subscriptionsMade;
            }
            attempt.complete(null);
            // A new connection: task channels must be subscribed again; their confirmations re-read those tasks.
            for (String taskId : taskChannels.keySet()) {
                sendOnSubscription(Command.SUBSCRIBE, store.key(taskId));
            }
            // Notifications sent while we were not subscribed are lost: read every pending task again.
            for (String taskId : waiters.keySet()) {
                if (!taskChannels.containsKey(taskId)) {
                    checkStored(taskId);
                }
            }
        } else if ("message".equals(kind)) {
            dispatch(push.get(2).toString());
        }
    }

    private void lost(RedisConnection conn, Throwable cause) {
        CompletableFuture<Void> attempt;
        synchronized (lock) {
            if (connection != conn) {
                return;
            }
            connection = null;
            live = 0;
            attempt = subscription;
            conn.close();
            if (attempt != null && attempt.isDone()) {
                // Start over with a fresh attempt that new waiters will wait for.
                attempt = new CompletableFuture<>();
                subscription = attempt;
            }
        }
        if (!closed) {
            LOG.warnf("Result subscription %s lost (%s); subscribing again", channel,
                    cause == null ? "connection closed" : cause.getMessage());
            retryLater(attempt);
        }
    }

    private void retryLater(CompletableFuture<Void> attempt) {
        if (closed || attempt == null) {
            return;
        }
        vertx.setTimer(RECONNECT_DELAY_MS, id -> connect(attempt));
    }

    private void dispatch(String payload) {
        JsonNode documents;
        try {
            documents = mapper.readTree(payload);
        } catch (Exception e) {
            LOG.warnf("Ignoring an unreadable result notification on %s: %s", channel, e.getMessage());
            return;
        }
        if (documents.isArray()) {
            for (JsonNode document : documents) {
                complete(ResultDocuments.read(document), true);
            }
        } else {
            complete(ResultDocuments.read(documents), true);
        }
    }

    private void checkStored(String taskId) {
        if (!waiters.containsKey(taskId)) {
            return;
        }
        store.readAsync(taskId).onSuccess(info -> info.ifPresent(this::complete))
                .onFailure(e -> LOG.debugf("Could not read the result of %s: %s", taskId, e.getMessage()));
    }

    private void complete(TaskInfo info) {
        complete(info, false);
    }

    private void complete(TaskInfo info, boolean notified) {
        if (info.taskId() == null || !info.state().isReady()) {
            return;
        }
        Set<CompletableFuture<TaskInfo>> set;
        if (notified) {
            synchronized (lock) {
                set = waiters.get(info.taskId());
                if (set == null || set.isEmpty()) {
                    keepUnclaimed(info);
                    return;
                }
            }
        } else {
            set = waiters.get(info.taskId());
        }
        if (set != null) {
            for (CompletableFuture<TaskInfo> waiter : set.toArray(CompletableFuture[]::new)) {
                waiter.complete(info);
            }
        }
    }

    private void keepUnclaimed(TaskInfo info) {
        unclaimed.put(info.taskId(), info);
        if (unclaimed.size() > UNCLAIMED_LIMIT) {
            var eldest = unclaimed.keySet().iterator();
            eldest.next();
            eldest.remove();
            unclaimedDropped++;
        }
    }

    /** Shutting down closes Redis connections in no particular order: stop resubscribing before that starts. */
    void onShutdown(@Observes(notifyObserver = Reception.IF_EXISTS) ShutdownEvent event) {
        close();
    }

    @PreDestroy
    void close() {
        closed = true;
        RedisConnection open;
        synchronized (lock) {
            open = connection;
            connection = null;
        }
        // Outside the lock: the client may be calling lost() with its own lock held, which then takes ours.
        if (open != null) {
            open.close();
        }
    }
}
