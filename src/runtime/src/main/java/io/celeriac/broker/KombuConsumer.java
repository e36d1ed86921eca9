package io.celeriac.broker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.celeriac.redis.DedicatedConnection;
import io.celeriac.redis.RedisGateway;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * A worker's consumer on a Celery-compatible queue, sharing it with Celery workers.
 *
 * <p>
 * It keeps kombu's acknowledgement bookkeeping, so that each side sees the other's in-flight messages: a fetch
 * moves messages into the {@code unacked} hash and {@code unacked_index} atomically; an acknowledgement removes
 * them. Instead of a lease of its own, the worker refreshes the {@code unacked_index} time of the messages it is
 * running, so neither Celeriac's recovery nor kombu's {@code restore_visible} redelivers a task still running;
 * messages whose time is older than the visibility timeout belonged to a dead worker and are redelivered.
 *
 * <p>
 * An idle consumer waits with {@code BLMOVE queue queue RIGHT RIGHT}, which returns as soon as the list has a
 * message and leaves it in place: nothing is ever in transit on the blocking connection. It watches the plain
 * list only; messages on the priority lists are seen within one block time.
 */
final class KombuConsumer implements QueueConsumer {

    private final RedisGateway redis;
    private final KombuKeys kombu;
    private final QueueKeys keys;
    private final long visibilitySeconds;
    private final int maxRedeliveries;
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    /** This consumer's own connection, used by its loop thread alone: blocking reads and fetches. */
    private final DedicatedConnection own;

    KombuConsumer(RedisGateway redis, KombuKeys kombu, QueueKeys keys, Duration visibilityTimeout,
            int maxRedeliveries) {
        this.redis = redis;
        this.kombu = kombu;
        this.keys = keys;
        this.visibilitySeconds = Math.max(1, visibilityTimeout.toSeconds());
        this.maxRedeliveries = maxRedeliveries;
        this.own = new DedicatedConnection(redis);
    }

    @Override
    public String queue() {
        return kombu.queue();
    }

    @Override
    public List<Delivery> fetch(int max) {
        List<String> scriptKeys = new ArrayList<>(6);
        scriptKeys.add(KombuKeys.UNACKED);
        scriptKeys.add(KombuKeys.UNACKED_INDEX);
        scriptKeys.addAll(kombu.lists());
        Response reply = KombuScripts.FETCH.run(own, scriptKeys, List.of(Integer.toString(max), kombu.queue()));
        int size = reply == null ? 0 : reply.size();
        List<Delivery> deliveries = new ArrayList<>(size / 2);
        for (int i = 0; i < size; i += 2) {
            String tag = reply.get(i).toString();
            held.add(tag);
            deliveries.add(new Delivery(this, tag, reply.get(i + 1).toString()));
        }
        return deliveries;
    }

    @Override
    public boolean awaitMessages(Duration timeout) {
        Request wait = Request.cmd(Command.BLMOVE).arg(kombu.list(0)).arg(kombu.list(0)).arg("RIGHT").arg("RIGHT")
                .arg(String.format(Locale.ROOT, "%.3f", timeout.toMillis() / 1000.0));
        return own.sendBlocking(wait, timeout) != null;
    }


    @Override
    public void appendAck(List<Request> pipeline, List<Delivery> deliveries) {
        Request hdel = Request.cmd(Command.HDEL).arg(KombuKeys.UNACKED);
        Request zrem = Request.cmd(Command.ZREM).arg(KombuKeys.UNACKED_INDEX);
        for (Delivery delivery : deliveries) {
            hdel.arg(delivery.tag());
            zrem.arg(delivery.tag());
            held.remove(delivery.tag());
        }
        pipeline.add(hdel);
        pipeline.add(zrem);
    }

    @Override
    public void deadLetter(Delivery delivery, String entryJson) {
        settle("dead", delivery, keys.deadLetters(), entryJson, "0");
    }

    @Override
    public void reschedule(Delivery delivery, OutgoingMessage next) {
        long due = next.isDelayed() ? next.dueAtMillis() : System.currentTimeMillis();
        settle("delay", delivery, keys.delayed(), RedisListPublisher.delayedMember(next), Long.toString(due));
    }

    @Override
    public int requeue(List<Delivery> deliveries) {
        int returned = 0;
        // Each goes to the front, so the last returned is taken first: return the first last.
        for (int i = deliveries.size() - 1; i >= 0; i--) {
            Delivery delivery = deliveries.get(i);
            returned += settle("requeue", delivery, kombu.list(0), delivery.payload(), "0");
        }
        return returned;
    }

    private int settle(String action, Delivery delivery, String destination, String value, String due) {
        int done = KombuScripts.SETTLE.run(redis, List.of(KombuKeys.UNACKED, KombuKeys.UNACKED_INDEX, destination),
                List.of(action, delivery.tag(), value, due)).toInteger();
        held.remove(delivery.tag());
        return done;
    }

    @Override
    public boolean renewLease() {
        if (held.isEmpty()) {
            return true;
        }
        return KombuScripts.RENEW.run(redis, List.of(KombuKeys.UNACKED_INDEX), List.copyOf(held)).toInteger() == 0;
    }

    @Override
    public RecoveryReport recoverAbandoned() {
        Response reply = KombuScripts.RESTORE.run(redis, List.of(KombuKeys.UNACKED, KombuKeys.UNACKED_INDEX),
                List.of(Long.toString(visibilitySeconds), Integer.toString(maxRedeliveries), keys.prefix()));
        long restored = reply.get(0).toLong();
        List<RecoveryReport.DeadLettered> dead = RecoveryReport.readDeadLettered(reply.get(1));
        return restored == 0 && dead.isEmpty() ? RecoveryReport.NOTHING
                : new RecoveryReport(List.of("unacknowledged for " + visibilitySeconds + " s"), restored, dead);
    }

    @Override
    public long promoteDue() {
        List<String> scriptKeys = new ArrayList<>(5);
        scriptKeys.add(keys.delayed());
        scriptKeys.addAll(kombu.lists());
        return KombuScripts.PROMOTE.run(redis, scriptKeys, List.of("1000")).get(1).toLong();
    }

    @Override
    public long depth() {
        return KeyLengths.sum(redis, Command.LLEN, kombu.lists());
    }

    @Override
    public long leave() {
        own.close();
        return held.size();
    }
}
