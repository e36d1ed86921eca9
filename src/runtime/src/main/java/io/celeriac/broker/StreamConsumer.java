package io.celeriac.broker;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import io.celeriac.redis.DedicatedConnection;
import io.celeriac.redis.RedisGateway;
import io.celeriac.redis.RedisUnavailableException;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * A worker's consumer on a stream-based queue: one stream per priority, one consumer group ({@code celeriac}) per
 * stream, one consumer name per worker process.
 *
 * <p>
 * Reading through the group ({@code XREADGROUP}) puts an entry in this consumer's pending list in the same step,
 * so nothing is ever in transit. While the worker runs an entry it resets the entry's idle time
 * ({@code XCLAIM ... JUSTID}); an entry idle for longer than the lease belonged to a dead worker and is claimed
 * with {@code XAUTOCLAIM} and put back. Settling an entry acknowledges it and only then deletes it: streams are
 * never trimmed, so no unacknowledged entry can be cut away.
 */
final class StreamConsumer implements QueueConsumer {

    private final RedisGateway redis;
    private final QueueKeys keys;
    private final String consumerId;
    private final long leaseMillis;
    private final int maxRedeliveries;
    /** The tags of the messages this worker knows it holds or is acknowledging. */
    private final HeldTags held = new HeldTags();
    /**
     * Whether this consumer's pending list may hold entries this worker does not know it holds: a read whose reply
     * was lost with its connection took them. Adopting them at once beats waiting for them to idle out.
     */
    private volatile boolean mayHaveOrphans;
    /** Entries the blocking read took: already pending for this consumer, handed out by the next fetch. */
    private final ArrayDeque<Delivery> landed = new ArrayDeque<>();
    private volatile boolean groupsReady;
    /** This consumer's own connection, used by its loop thread alone: blocking reads and fetches. */
    private final DedicatedConnection own;

    StreamConsumer(RedisGateway redis, QueueKeys keys, String consumerId, Duration lease, int maxRedeliveries) {
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

    /** Creates the group on each stream (and the stream itself) if missing; Redis answers BUSYGROUP otherwise. */
    private void ensureGroups() {
        if (groupsReady) {
            return;
        }
        List<Request> creates = new ArrayList<>(10);
        for (String stream : keys.streams()) {
            creates.add(Request.cmd(Command.XGROUP).arg("CREATE").arg(stream).arg(StreamScripts.GROUP).arg("0")
                    .arg("MKSTREAM"));
        }
        for (Request create : creates) {
            try {
                redis.send(create);
            } catch (RedisUnavailableException e) {
                if (e.getMessage() == null || !e.getMessage().contains("BUSYGROUP")) {
                    throw e;
                }
            }
        }
        groupsReady = true;
    }

    private <T> T withGroups(Supplier<T> call) {
        ensureGroups();
        try {
            return call.get();
        } catch (RedisUnavailableException e) {
            // Redis lost the groups (restarted without persistence, or the keys were deleted): create them again.
            if (e.getMessage() != null && e.getMessage().contains("NOGROUP")) {
                groupsReady = false;
                ensureGroups();
                return call.get();
            }
            throw e;
        }
    }

    @Override
    public List<Delivery> fetch(int max) {
        List<Delivery> deliveries = new ArrayList<>();
        synchronized (landed) {
            while (!landed.isEmpty() && deliveries.size() < max) {
                deliveries.add(landed.poll());
            }
        }
        if (deliveries.size() >= max) {
            return deliveries;
        }
        if (mayHaveOrphans && deliveries.isEmpty()) {
            List<Delivery> adopted = adoptOrphans(max);
            if (!adopted.isEmpty()) {
                return adopted;
            }
        }
        int wanted = max - deliveries.size();
        Response reply;
        try {
            reply = withGroups(() -> StreamScripts.FETCH.run(own, keys.streams(),
                    List.of(StreamScripts.GROUP, consumerId, Integer.toString(wanted))));
        } catch (RedisUnavailableException e) {
            // The script may have run with its reply lost: its entries are pending for us, unknown to us.
            mayHaveOrphans = true;
            throw e;
        }
        int size = reply == null ? 0 : reply.size();
        for (int i = 0; i < size; i += 2) {
            String tag = reply.get(i).toString();
            held.add(tag);
            deliveries.add(new Delivery(this, tag, reply.get(i + 1).toString()));
        }
        return deliveries;
    }

    @Override
    public List<Delivery> awaitAndFetch(int max, Duration timeout) {
        if (mayHaveOrphans) {
            // Entries may be pending for us unknown to us: adopt them now rather than after a wait.
            return fetch(max);
        }
        return QueueConsumer.super.awaitAndFetch(max, timeout);
    }

    @Override
    public boolean awaitMessages(Duration timeout) {
        ensureGroups();
        Request read = Request.cmd(Command.XREADGROUP).arg("GROUP").arg(StreamScripts.GROUP).arg(consumerId)
                .arg("COUNT").arg(1).arg("BLOCK").arg(Math.max(1, timeout.toMillis())).arg("STREAMS");
        List<String> streams = keys.streams();
        streams.forEach(read::arg);
        streams.forEach(s -> read.arg(">"));
        Response reply;
        try {
            reply = own.sendBlocking(read, timeout);
        } catch (RedisUnavailableException e) {
            if (e.getMessage() != null && e.getMessage().contains("NOGROUP")) {
                groupsReady = false;
            }
            // An entry this read took before the connection broke is pending for us: the next fetch adopts it.
            mayHaveOrphans = true;
            throw e;
        }
        if (reply == null || reply.size() == 0) {
            return false;
        }
        for (Map.Entry<String, Response> stream : streamReplies(reply).entrySet()) {
            int priority = streams.indexOf(stream.getKey());
            for (Response entry : stream.getValue()) {
                String tag = priority + "/" + entry.get(0).toString();
                held.add(tag);
                synchronized (landed) {
                    landed.add(new Delivery(this, tag, message(entry.get(1))));
                }
            }
        }
        return true;
    }

    /**
     * Hands out, up to {@code max}, entries of this consumer's pending lists that this worker does not know it
     * holds. Reading the pending history ({@code XREADGROUP ... 0}) counts as a delivery, as it is one.
     */
    private List<Delivery> adoptOrphans(int max) {
        List<String> streams = keys.streams();
        List<Request> reads = new ArrayList<>(streams.size());
        for (String stream : streams) {
            reads.add(Request.cmd(Command.XREADGROUP).arg("GROUP").arg(StreamScripts.GROUP).arg(consumerId)
                    .arg("COUNT").arg(1000).arg("STREAMS").arg(stream).arg("0"));
        }
        List<Response> replies = withGroups(() -> redis.batch(reads));
        List<Delivery> adopted = new ArrayList<>();
        boolean more = false;
        for (int priority = 0; priority < replies.size(); priority++) {
            Response reply = replies.get(priority);
            if (reply == null || reply.size() == 0) {
                continue;
            }
            for (Response entries : streamReplies(reply).values()) {
                for (Response entry : entries) {
                    String tag = priority + "/" + entry.get(0).toString();
                    if (held.knows(tag) || entry.get(1) == null) {
                        // Held, being acknowledged, or deleted after its acknowledgement: not an orphan.
                        continue;
                    }
                    if (adopted.size() == max) {
                        more = true;
                        break;
                    }
                    held.add(tag);
                    adopted.add(new Delivery(this, tag, message(entry.get(1))));
                }
            }
        }
        mayHaveOrphans = more;
        return adopted;
    }

    @Override
    public void checkOrphans() {
        List<String> streams = keys.streams();
        List<Request> summaries = new ArrayList<>(streams.size());
        for (String stream : streams) {
            summaries.add(Request.cmd(Command.XPENDING).arg(stream).arg(StreamScripts.GROUP));
        }
        long pending = 0;
        for (Response summary : withGroups(() -> redis.batch(summaries))) {
            // [count, first id, last id, [[consumer, count], ...]]
            Response consumers = summary == null || summary.size() < 4 ? null : summary.get(3);
            if (consumers == null) {
                continue;
            }
            for (Response consumer : consumers) {
                if (consumerId.equals(consumer.get(0).toString())) {
                    pending += consumer.get(1).toLong();
                }
            }
        }
        if (pending > held.accountedFor()) {
            mayHaveOrphans = true;
        }
    }

    /** Stream name → entries, from XREADGROUP's [[stream, entries], ...] (RESP2) or {stream: entries} (RESP3). */
    private static Map<String, Response> streamReplies(Response reply) {
        Map<String, Response> streams = new LinkedHashMap<>();
        Set<String> names;
        try {
            names = reply.getKeys();
        } catch (RuntimeException notAMap) {
            names = null;
        }
        if (names != null && !names.isEmpty()) {
            for (String name : names) {
                streams.put(name, reply.get(name));
            }
        } else {
            for (Response stream : reply) {
                streams.put(stream.get(0).toString(), stream.get(1));
            }
        }
        return streams;
    }

    private static String message(Response fields) {
        if (fields == null) {
            return "";
        }
        for (int i = 0; i + 1 < fields.size(); i += 2) {
            if ("m".equals(fields.get(i).toString())) {
                return fields.get(i + 1).toString();
            }
        }
        return "";
    }


    private static int priorityOf(String tag) {
        return tag.charAt(0) - '0';
    }

    private static String entryId(String tag) {
        return tag.substring(2);
    }

    @Override
    public void releaseLanded() {
        List<Delivery> unclaimed;
        synchronized (landed) {
            unclaimed = new ArrayList<>(landed);
            landed.clear();
        }
        if (unclaimed.isEmpty()) {
            return;
        }
        try {
            requeue(unclaimed);
        } catch (RedisUnavailableException e) {
            // What was not returned is still pending for this consumer: forget it, so the next fetch adopts it.
            for (Delivery delivery : unclaimed) {
                held.forget(delivery.tag());
            }
            mayHaveOrphans = true;
            throw e;
        }
    }

    @Override
    public void appendAck(List<Request> pipeline, List<Delivery> deliveries) {
        Map<Integer, List<String>> byStream = new LinkedHashMap<>();
        for (Delivery delivery : deliveries) {
            byStream.computeIfAbsent(priorityOf(delivery.tag()), p -> new ArrayList<>()).add(entryId(delivery.tag()));
            held.acknowledging(delivery.tag());
        }
        for (Map.Entry<Integer, List<String>> stream : byStream.entrySet()) {
            Request xack = Request.cmd(Command.XACK).arg(keys.stream(stream.getKey())).arg(StreamScripts.GROUP);
            Request xdel = Request.cmd(Command.XDEL).arg(keys.stream(stream.getKey()));
            for (String id : stream.getValue()) {
                xack.arg(id);
                xdel.arg(id);
            }
            // XACK first: an entry is deleted only once acknowledged.
            pipeline.add(xack);
            pipeline.add(xdel);
        }
    }

    @Override
    public void acknowledged(List<Delivery> deliveries) {
        for (Delivery delivery : deliveries) {
            held.acknowledged(delivery.tag());
        }
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
        for (Delivery delivery : deliveries) {
            // A stream only appends: the message goes to the end of its stream, under a new entry id.
            returned += settle("requeue", delivery, keys.stream(priorityOf(delivery.tag())), delivery.payload(), "0");
        }
        return returned;
    }

    private int settle(String action, Delivery delivery, String destination, String value, String due) {
        String stream = keys.stream(priorityOf(delivery.tag()));
        int done = StreamScripts.SETTLE.run(redis, List.of(stream, destination),
                List.of(action, StreamScripts.GROUP, entryId(delivery.tag()), value, due)).toInteger();
        held.forget(delivery.tag());
        return done;
    }

    @Override
    public boolean renewLease() {
        if (held.isEmpty()) {
            return true;
        }
        List<String> args = new ArrayList<>(held.size() + 2);
        args.add(StreamScripts.GROUP);
        args.add(consumerId);
        args.addAll(held.tags());
        return withGroups(() -> StreamScripts.RENEW.run(redis, keys.streams(), args)).toInteger() == 0;
    }

    @Override
    public RecoveryReport recoverAbandoned() {
        List<String> scriptKeys = new ArrayList<>(keys.streams());
        scriptKeys.add(keys.deadLetters());
        scriptKeys.add(keys.redeliveries());
        Response reply = withGroups(() -> StreamScripts.RECOVER.run(redis, scriptKeys, List.of(StreamScripts.GROUP,
                consumerId, Long.toString(leaseMillis), Integer.toString(maxRedeliveries), keys.queue())));
        long returned = reply.get(0).toLong();
        List<RecoveryReport.DeadLettered> dead = RecoveryReport.readDeadLettered(reply.get(1));
        return returned == 0 && dead.isEmpty() ? RecoveryReport.NOTHING
                : new RecoveryReport(List.of("idle for more than " + leaseMillis + " ms"), returned, dead);
    }

    @Override
    public long promoteDue() {
        List<String> scriptKeys = new ArrayList<>(11);
        scriptKeys.add(keys.delayed());
        scriptKeys.addAll(keys.streams());
        return StreamScripts.PROMOTE.run(redis, scriptKeys, List.of("1000")).get(1).toLong();
    }

    @Override
    public long depth() {
        // Entries are deleted once settled: what remains waits or runs.
        return KeyLengths.sum(redis, Command.XLEN, keys.streams());
    }

    @Override
    public long leave() {
        own.close();
        releaseLanded();
        return held.size();
    }
}
