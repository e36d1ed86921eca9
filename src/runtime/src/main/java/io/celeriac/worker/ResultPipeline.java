package io.celeriac.worker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.celeriac.broker.Delivery;
import io.celeriac.broker.QueueConsumer;
import io.celeriac.redis.DedicatedConnection;
import io.celeriac.redis.RedisGateway;
import io.celeriac.result.ResultStore;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;

/**
 * Writes task states, result notifications and acknowledgements behind the tasks, in pipelined batches: a single
 * writer takes everything queued since its last round trip and sends it as one. Under load, batches grow by
 * themselves; a lone task still goes out at once.
 *
 * <p>
 * Within a batch, states of one task are coalesced (a STARTED that a SUCCESS overtook is never written),
 * notifications for one reply channel share one PUBLISH, acknowledgements of one consumer share one HDEL, and
 * every acknowledgement follows the state it settles. If Redis is down, the batch is retried until it goes
 * through: unacknowledged messages stay in flight meanwhile, so a crash then costs a re-run, never a loss.
 */
final class ResultPipeline {

    private static final Logger LOG = Logger.getLogger(ResultPipeline.class);

    /** Bounds one round trip; more waits for the next. */
    private static final int MAX_BATCH = 1024;
    /** The longest a batch waits for results known to be imminent (see {@link #lingerForMore}). */
    private static final long LINGER_NANOS = 1_000_000;

    /** The writer's own connection: one thread writes, so the pool's per-command bookkeeping buys nothing. */
    private final DedicatedConnection redis;
    private final ResultStore store;
    private final IntSupplier settlingSoon;
    private final LinkedBlockingQueue<Op> queue = new LinkedBlockingQueue<>();
    private final Backoff backoff = new Backoff(LOG, "Result writer");
    private final Object idle = new Object();
    private volatile boolean running = true;
    /** Submitted and not yet written; what {@link #awaitWritten} waits for. */
    private final AtomicInteger unwritten = new AtomicInteger();
    private Thread writer;

    /**
     * One thing to write.
     *
     * @param taskId the task, when {@code document} is set
     * @param document makes the result document (JSON), called on the writer's thread and only if the document is
     *        written (a state overtaken within its batch is not); or {@code null}
     * @param replyTo the channel to notify with the document, or {@code null}
     * @param ack a delivery to acknowledge after the document is stored, or {@code null}
     */
    record Op(String taskId, Supplier<String> document, String replyTo, Delivery ack) {

        /** An op whose document is already written, or {@code null}. */
        Op(String taskId, String document, String replyTo, Delivery ack) {
            this(taskId, document == null ? null : () -> document, replyTo, ack);
        }
    }

    /**
     * @param settlingSoon how many messages this worker holds whose tasks should settle within moments (0 when its
     *        tasks have not been short lately)
     */
    ResultPipeline(RedisGateway redis, ResultStore store, IntSupplier settlingSoon) {
        this.redis = new DedicatedConnection(redis);
        this.store = store;
        this.settlingSoon = settlingSoon;
    }

    void start() {
        // A platform thread, like the consumer loops: it is woken for every batch (see Worker#start).
        writer = Thread.ofPlatform().daemon().name("celeriac-result-writer").start(this::run);
    }

    void submit(Op op) {
        unwritten.incrementAndGet();
        queue.add(op);
    }

    private void run() {
        List<Op> batch = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Op first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                lingerForMore(batch);
                Map<QueueConsumer, List<Delivery>> acks = new LinkedHashMap<>();
                send(build(batch, acks));
                acks.forEach(QueueConsumer::acknowledged);
                unwritten.addAndGet(-batch.size());
                batch.clear();
                synchronized (idle) {
                    idle.notifyAll();
                }
            } catch (InterruptedException e) {
                // stop() interrupts only after running is false; what could not be written stays unacknowledged
                break;
            } catch (RuntimeException e) {
                // A bug (say, a document that cannot be made) must not stop the writer for every later task: this
                // batch's messages stay in flight, unacknowledged, and are recovered like a dead worker's.
                LOG.errorf(e, "Result writer dropped a batch of %d states and acknowledgements", batch.size());
                unwritten.addAndGet(-batch.size());
                batch.clear();
            }
        }
    }

    /**
     * Group commit: while this worker holds more messages of short tasks than the batch settles, their results are
     * a moment away, and waiting up to {@link #LINGER_NANOS} for them writes their states, notifications and acks
     * in one round trip rather than one each (at concurrency 1, half a Redis command per task less). Only the
     * backlog waits, and by less than one task's turn in it; an idle worker's lone result goes out at once.
     */
    private void lingerForMore(List<Op> batch) throws InterruptedException {
        int settling = settles(batch, 0);
        long deadline = System.nanoTime() + LINGER_NANOS;
        while (batch.size() < MAX_BATCH && settling < settlingSoon.getAsInt()) {
            long left = deadline - System.nanoTime();
            Op next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
            if (next == null) {
                return;
            }
            int from = batch.size();
            batch.add(next);
            queue.drainTo(batch, MAX_BATCH - batch.size());
            settling = settles(batch, from) + settling;
        }
    }

    /** How many of the ops from index {@code from} on settle a message. */
    private static int settles(List<Op> batch, int from) {
        int count = 0;
        for (int i = from; i < batch.size(); i++) {
            if (batch.get(i).ack() != null) {
                count++;
            }
        }
        return count;
    }

    private List<Request> build(List<Op> batch, Map<QueueConsumer, List<Delivery>> acks) {
        Map<String, Op> states = new LinkedHashMap<>();
        Map<String, List<String>> notifications = new LinkedHashMap<>();
        for (Op op : batch) {
            if (op.document() != null) {
                states.put(op.taskId(), op);
                if (op.replyTo() != null) {
                    notifications.computeIfAbsent(op.replyTo(), c -> new ArrayList<>()).add(op.document().get());
                }
            }
            if (op.ack() != null) {
                acks.computeIfAbsent(op.ack().consumer(), c -> new ArrayList<>()).add(op.ack());
            }
        }
        List<Request> requests = new ArrayList<>(states.size() + notifications.size() + acks.size());
        for (Op op : states.values()) {
            requests.add(store.write(op.taskId(), op.document().get()));
        }
        for (Map.Entry<String, List<String>> channel : notifications.entrySet()) {
            if (channel.getKey().startsWith(store.keyPrefix())) {
                // Celery's per-task channel: its clients expect one document per message, as Celery publishes.
                for (String document : channel.getValue()) {
                    requests.add(Request.cmd(Command.PUBLISH).arg(channel.getKey()).arg(document));
                }
            } else {
                requests.add(Request.cmd(Command.PUBLISH).arg(channel.getKey())
                        .arg("[" + String.join(",", channel.getValue()) + "]"));
            }
        }
        for (Map.Entry<QueueConsumer, List<Delivery>> consumer : acks.entrySet()) {
            consumer.getKey().appendAck(requests, consumer.getValue());
        }
        return requests;
    }

    private void send(List<Request> requests) throws InterruptedException {
        while (true) {
            try {
                if (requests.size() == 1) {
                    redis.send(requests.get(0));
                } else {
                    redis.batch(requests);
                }
                backoff.succeeded();
                return;
            } catch (RuntimeException e) {
                if (!backoff.pause(e)) {
                    throw new InterruptedException();
                }
            }
        }
    }

    /** Waits until everything submitted so far is written, or {@code timeout} passes; returns whether it was. */
    boolean awaitWritten(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (unwritten.get() > 0) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                try {
                    idle.wait(Math.min(left, 50));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    /** Stops after writing what is queued, waiting at most {@code timeout}; returns how many writes were dropped. */
    int stop(Duration timeout) {
        awaitWritten(timeout);
        running = false;
        if (writer != null) {
            writer.interrupt();
            try {
                writer.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        this.redis.close();
        int dropped = unwritten.get();
        if (dropped > 0) {
            LOG.warnf("%d result writes could not reach Redis before shutdown; their messages stay in flight and"
                    + " will be run again by another worker", dropped);
        }
        return dropped;
    }
}
