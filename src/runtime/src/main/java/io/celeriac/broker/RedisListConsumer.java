package io.celeriac.broker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import io.celeriac.redis.DedicatedConnection;
import io.celeriac.redis.RedisGateway;
import io.celeriac.redis.RedisUnavailableException;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * A worker's consumer on a list-based queue.
 *
 * <p>
 * Life of a message: a producer LPUSHes it on {@code ready}; {@code list_fetch.lua} moves it, in one atomic step,
 * into this consumer's in-flight hash under a delivery tag; the worker runs it and acknowledges it with an
 * {@code HDEL} pipelined with the result. While it runs, the consumer's lease in the {@code consumers} sorted set is
 * renewed; if the worker dies, the lease expires and any other worker's {@code list_recover.lua} puts the message
 * back on {@code ready}.
 *
 * <p>
 * An idle consumer blocks on {@code BLMOVE ready -> landing} over its own connection, so that the message that
 * wakes it is already in a list it owns (never in transit in a socket), with the fetch pipelined behind the wait:
 * Redis runs it the moment the wait returns, and the message reaches the worker in one round trip.
 */
final class RedisListConsumer implements QueueConsumer {


    private final RedisGateway redis;
    private final QueueKeys keys;
    private final String consumerId;
    private final long leaseMillis;
    private final int maxRedeliveries;
    private final AtomicLong nextTag = new AtomicLong(1);
    private volatile boolean mayHaveLanded = true; // a previous incarnation cannot exist (ids are unique), but be safe
    /** Whether this consumer's lease was ever written; only then can a missing lease mean it was reaped. */
    private volatile boolean leaseWritten;
    /** The tags of the messages this worker knows it holds or is acknowledging. */
    private final HeldTags held = new HeldTags();
    private volatile boolean mayHaveOrphans;
    /** This consumer's own connection, used by its loop thread alone: blocking reads and fetches. */
    private final DedicatedConnection own;

    RedisListConsumer(RedisGateway redis, QueueKeys keys, String consumerId, Duration lease, int maxRedeliveries) {
        this.redis = redis;
        this.keys = keys;
        this.consumerId = consumerId;
        this.leaseMillis = lease.toMillis();
        this.maxRedeliveries = maxRedeliveries;
        this.own = new DedicatedConnection(redis);
    }

    @Override
    public String queue() {
        return keys.queue();
    }

    @Override
    public List<Delivery> fetch(int max) {
        if (mayHaveOrphans) {
            List<Delivery> adopted = adoptOrphans(max);
            if (!adopted.isEmpty()) {
                return adopted;
            }
        }
        boolean landed = mayHaveLanded;
        Response reply;
        try {
            reply = ListScripts.FETCH.run(own, fetchKeys(), fetchArgs(max, landed));
        } catch (RedisUnavailableException e) {
            // The script may have run with its reply lost: messages would sit in our in-flight hash, under a lease
            // we keep renewing, where no recovery looks. The next fetch adopts them.
            mayHaveOrphans = true;
            throw e;
        }
        if (landed) {
            mayHaveLanded = false;
        }
        return deliveries(reply);
    }

    private List<String> fetchKeys() {
        return List.of(keys.ready(), keys.prioritized(), keys.inFlight(consumerId), keys.landing(consumerId),
                keys.consumers());
    }

    private List<String> fetchArgs(int max, boolean landed) {
        // Reserve the tags before the call: if its reply is lost, the messages it took keep theirs in our hash,
        // and no later fetch may reuse them (HSET would overwrite those messages).
        long firstTag = nextTag.getAndAdd(max);
        return List.of(Integer.toString(max), consumerId, Long.toString(leaseMillis), Long.toString(firstTag),
                landed ? "1" : "0");
    }

    private List<Delivery> deliveries(Response reply) {
        int size = reply == null ? 0 : reply.size();
        if (size == 0) {
            return List.of();
        }
        List<Delivery> deliveries = new ArrayList<>(size / 2);
        for (int i = 0; i < size; i += 2) {
            String tag = reply.get(i).toString();
            held.add(tag);
            deliveries.add(new Delivery(this, tag, reply.get(i + 1).toString()));
        }
        leaseWritten = true;
        return deliveries;
    }

    @Override
    public void acknowledged(List<Delivery> deliveries) {
        for (Delivery delivery : deliveries) {
            held.acknowledged(delivery.tag());
        }
    }

    @Override
    public void checkOrphans() {
        long inHash = redis.send(Request.cmd(Command.HLEN).arg(keys.inFlight(consumerId))).toLong();
        if (inHash > held.accountedFor()) {
            mayHaveOrphans = true;
        }
    }

    /** Hands out, up to {@code max}, the messages of our in-flight hash this worker does not know it holds. */
    private List<Delivery> adoptOrphans(int max) {
        Response all = redis.send(Request.cmd(Command.HGETALL).arg(keys.inFlight(consumerId)));
        Map<String, String> entries = new LinkedHashMap<>();
        Set<String> names;
        try {
            names = all.getKeys();
        } catch (RuntimeException flatReply) {
            names = null;
        }
        if (names != null) {
            for (String name : names) {
                entries.put(name, all.get(name).toString());
            }
        } else {
            for (int i = 0; i + 1 < all.size(); i += 2) {
                entries.put(all.get(i).toString(), all.get(i + 1).toString());
            }
        }
        List<Delivery> adopted = new ArrayList<>();
        boolean more = false;
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            if (held.knows(entry.getKey())) {
                continue;
            }
            if (adopted.size() == max) {
                more = true;
                break;
            }
            held.add(entry.getKey());
            adopted.add(new Delivery(this, entry.getKey(), entry.getValue()));
        }
        mayHaveOrphans = more;
        return adopted;
    }

    @Override
    public boolean awaitMessages(Duration timeout) {
        try {
            Response moved = own.sendBlocking(blockingMove(timeout), timeout);
            if (moved != null) {
                mayHaveLanded = true;
                return true;
            }
            return false;
        } catch (RedisUnavailableException e) {
            // The reply may have been lost with the connection: the message would sit in our landing list.
            mayHaveLanded = true;
            own.close();
            throw e;
        }
    }


    /**
     * The blocking read and the fetch in one pipeline: Redis runs the fetch the moment the read returns, so the
     * message that woke this consumer reaches it in one round trip instead of two.
     */
    @Override
    public List<Delivery> awaitAndFetch(int max, Duration timeout) {
        if (mayHaveOrphans) {
            // Messages may sit in our hash unknown to us: adopt them now rather than after a wait.
            return fetch(max);
        }
        List<Response> replies;
        try {
            replies = own.batchBlocking(List.of(blockingMove(timeout),
                    ListScripts.FETCH.shaRequest(fetchKeys(), fetchArgs(max, true))), timeout);
        } catch (RedisUnavailableException e) {
            // What the read moved is in our landing list; what the fetch took, if it ran, in our in-flight hash.
            mayHaveLanded = true;
            if (RedisGateway.isNoScript(e)) {
                // Redis lost its script cache (a restart): a plain fetch loads the script and takes them.
                return fetch(max);
            }
            mayHaveOrphans = true;
            own.close();
            throw e;
        }
        mayHaveLanded = false;
        return deliveries(replies.get(1));
    }

    private Request blockingMove(Duration timeout) {
        return Request.cmd(Command.BLMOVE).arg(keys.ready()).arg(keys.landing(consumerId)).arg("RIGHT").arg("LEFT")
                .arg(String.format(Locale.ROOT, "%.3f", timeout.toMillis() / 1000.0));
    }

    @Override
    public void releaseLanded() {
        if (!mayHaveLanded) {
            return;
        }
        // One message at a time, each move atomic: a message is always in one of the two lists. The newest goes
        // first, so the oldest ends up at the consuming end of the queue, next in line.
        Request move = Request.cmd(Command.LMOVE).arg(keys.landing(consumerId)).arg(keys.ready()).arg("LEFT")
                .arg("RIGHT");
        while (own.send(move) != null) {
            // keep moving
        }
        mayHaveLanded = false;
    }

    @Override
    public void appendAck(List<Request> pipeline, List<Delivery> deliveries) {
        Request hdel = Request.cmd(Command.HDEL).arg(keys.inFlight(consumerId));
        for (Delivery delivery : deliveries) {
            hdel.arg(delivery.tag());
            held.acknowledging(delivery.tag());
        }
        pipeline.add(hdel);
    }

    @Override
    public void deadLetter(Delivery delivery, String entryJson) {
        ListScripts.DEAD_LETTER.run(redis, List.of(keys.deadLetters(), keys.inFlight(consumerId)),
                List.of(entryJson, delivery.tag()));
        held.forget(delivery.tag());
    }

    @Override
    public void reschedule(Delivery delivery, OutgoingMessage next) {
        if (!next.isDelayed()) {
            next = new OutgoingMessage(next.payload(), next.priority(), System.currentTimeMillis());
        }
        ListScripts.RESCHEDULE.run(redis, List.of(keys.delayed(), keys.inFlight(consumerId)),
                List.of(Long.toString(next.dueAtMillis()), RedisListPublisher.delayedMember(next), delivery.tag()));
        held.forget(delivery.tag());
    }

    @Override
    public int requeue(List<Delivery> deliveries) {
        if (deliveries.isEmpty()) {
            return 0;
        }
        // Each goes to the consuming end, so the last pushed is taken first: push the first last.
        List<String> tags = new ArrayList<>(deliveries.size());
        for (int i = deliveries.size() - 1; i >= 0; i--) {
            tags.add(deliveries.get(i).tag());
        }
        Response reply = ListScripts.REQUEUE.run(redis,
                List.of(keys.ready(), keys.prioritized(), keys.inFlight(consumerId)), tags);
        held.forgetAll(tags);
        return reply.toInteger();
    }

    @Override
    public boolean renewLease() {
        // Read before the renewal: a fetch on the consumer loop registers the lease too, and if it lands between this
        // renewal's reply and the read, the first renewal (which adds the entry) would look like a lost lease.
        boolean wasWritten = leaseWritten;
        Response added = ListScripts.RENEW.run(redis, List.of(keys.consumers()),
                List.of(consumerId, Long.toString(leaseMillis)));
        leaseWritten = true;
        return added.toInteger() == 0 || !wasWritten;
    }

    @Override
    public RecoveryReport recoverAbandoned() {
        Response reply = ListScripts.RECOVER.run(redis,
                List.of(keys.consumers(), keys.ready(), keys.prioritized(), keys.deadLetters(), keys.redeliveries()),
                List.of(keys.base(), Integer.toString(maxRedeliveries), keys.queue()));
        Response reaped = reply.get(1);
        if (reaped.size() == 0) {
            return RecoveryReport.NOTHING;
        }
        List<String> dead = new ArrayList<>(reaped.size());
        for (Response consumer : reaped) {
            dead.add(consumer.toString());
        }
        return new RecoveryReport(dead, reply.get(0).toLong(), RecoveryReport.readDeadLettered(reply.get(2)));
    }

    @Override
    public long promoteDue() {
        Response reply = ListScripts.PROMOTE.run(redis, List.of(keys.delayed(), keys.ready(), keys.prioritized()),
                List.of("1000"));
        return reply.get(1).toLong();
    }

    @Override
    public long depth() {
        List<Response> sizes = redis.batch(List.of(Request.cmd(Command.LLEN).arg(keys.ready()),
                Request.cmd(Command.ZCARD).arg(keys.prioritized())));
        // The ready list may hold empty wake-up tokens too: a slight overcount, fine for a gauge.
        return sizes.get(0).toLong() + sizes.get(1).toLong();
    }

    @Override
    public long leave() {
        own.close();
        Response held = ListScripts.LEAVE.run(redis,
                List.of(keys.consumers(), keys.inFlight(consumerId), keys.landing(consumerId), keys.ready()),
                List.of(consumerId));
        return held.toLong();
    }
}
