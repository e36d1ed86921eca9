package io.celeriac.worker;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;

import org.jboss.logging.Logger;

import io.celeriac.broker.Delivery;
import io.celeriac.broker.QueueConsumer;

/**
 * Feeds one queue's messages to the worker: takes permits, fetches at most that many messages in one round trip,
 * starts them, and blocks briefly in Redis when the queue is empty.
 *
 * <p>
 * While the worker's recent tasks are short, the loop may hold more messages than there are free slots (up to the
 * prefetch multiplier): they wait in memory for a slot, so that one fetch serves several tasks. Otherwise it never
 * asks for more than it can start at once, so no message waits in this process behind a long task while another
 * worker is idle, and priorities stay strict.
 */
final class ConsumerLoop implements Runnable {

    private static final Logger LOG = Logger.getLogger(ConsumerLoop.class);

    /** How often a loop waiting for a slot checks whether it was stopped or paused. */
    private static final long SLOT_CHECK_MILLIS = 100;
    /** How often a loop holding messages looks for more after the queue ran dry. */
    private static final long TOP_UP_MILLIS = 100;

    private final QueueConsumer consumer;
    private final Slots slots;
    private final TaskRunner runner;
    private final int prefetch;
    private final boolean mayHoldExtra;
    private final boolean soleQueue;
    private final Duration blockTime;
    private final Backoff backoff;
    private volatile boolean running = true;
    /** Messages held, waiting for a slot; used by the loop's thread alone. */
    private final ArrayDeque<Delivery> waiting = new ArrayDeque<>();
    /**
     * How many messages {@link #waiting} holds plus how many an immediate fetch in progress asks for (a wait in Redis
     * for the next message does not count), for the result writer to read.
     */
    private volatile int waitingCount;
    private long lastFetchAt = System.nanoTime();
    private boolean lastFetchShort;
    private volatile long lastProgress = System.currentTimeMillis();

    /**
     * @param prefetch the most messages one fetch takes
     * @param mayHoldExtra whether the worker allows holding messages beyond free slots while tasks are short
     * @param soleQueue whether this is the worker's only queue, so that a wait in Redis may hold permits
     */
    ConsumerLoop(QueueConsumer consumer, Slots slots, TaskRunner runner, int prefetch, boolean mayHoldExtra,
            boolean soleQueue, Duration blockTime) {
        this.consumer = consumer;
        this.slots = slots;
        this.runner = runner;
        this.prefetch = prefetch;
        this.mayHoldExtra = mayHoldExtra;
        this.soleQueue = soleQueue;
        this.blockTime = blockTime;
        this.backoff = new Backoff(LOG, "Consumer of queue " + consumer.queue());
    }

    @Override
    public void run() {
        while (running) {
            lastProgress = System.currentTimeMillis();
            if (!paused) {
                startWaiting();
            }
            if (paused) {
                // Paused by a control command: start nothing more from this queue. Held messages that have not started
                // go back to it, in order, for other workers (Celery would still run what it reserved); check again
                // after a block time.
                if (!waiting.isEmpty()) {
                    returnUnstarted();
                }
                releaseLanded();
                sleepQuietly(blockTime.toMillis());
                continue;
            }
            if (!waiting.isEmpty() && !(lastFetchShort && sinceLastFetch() >= TOP_UP_MILLIS)) {
                // Fetch again once these have started: one round trip for several tasks. Unless the last fetch
                // came back short: then the queue had run dry and what arrived since is taken now and then.
                awaitSlotAndStart();
                continue;
            }
            boolean holdExtra = mayHoldExtra && runner.recentTasksAreShort();
            int taken;
            try {
                if (waiting.isEmpty()) {
                    // Wake up every second while all slots are busy, to show the loop is alive (liveness check).
                    taken = holdExtra ? slots.holdUpTo(prefetch, 1000) : slots.claimToRun(prefetch, 1000);
                } else {
                    taken = holdExtra ? slots.holdUpTo(prefetch, 0) : 0;
                }
            } catch (InterruptedException e) {
                break;
            }
            if (taken == 0) {
                if (!waiting.isEmpty()) {
                    lastFetchAt = System.nanoTime();
                    awaitSlotAndStart();
                }
                continue;
            }
            if (!running || paused) {
                giveBack(taken, holdExtra);
                continue;
            }
            // After a fetch came back short the queue is dry: with this loop the worker's only one, wait in Redis for
            // the next message with its fetch queued right behind the wait (one round trip for both). With other
            // queues to serve, the permits cannot be held through a wait: block first, then fetch.
            boolean block = lastFetchShort && waiting.isEmpty() && soleQueue;
            List<Delivery> deliveries = fetchOrNull(taken, holdExtra, block);
            if (deliveries == null) {
                continue;
            }
            giveBack(taken - deliveries.size(), holdExtra);
            lastFetchAt = System.nanoTime();
            lastFetchShort = deliveries.size() < taken;
            if ((paused || !running) && !deliveries.isEmpty()) {
                // Paused or stopped during the fetch (or the wait before it): what it brought goes back, unstarted.
                returnUnstarted(deliveries, holdExtra);
                continue;
            }
            if (holdExtra) {
                waiting.addAll(deliveries);
                waitingCount = waiting.size();
                startWaiting();
            } else {
                for (Delivery delivery : deliveries) {
                    runner.start(delivery);
                }
            }
            if (lastFetchShort && waiting.isEmpty() && !soleQueue) {
                // Asking again would most likely come back empty, a wasted round trip. Block instead; Redis
                // answers at once if a message arrived meanwhile.
                awaitMessages();
            }
        }
        if (!waiting.isEmpty()) {
            returnUnstarted();
        }
    }

    /** Starts held messages, in order, while slots are free. */
    private void startWaiting() {
        while (!waiting.isEmpty() && slots.tryRun()) {
            runner.start(waiting.poll());
        }
        waitingCount = waiting.size();
    }

    /** Waits a little for a slot and starts the next held message in it. */
    private void awaitSlotAndStart() {
        try {
            if (slots.awaitRun(SLOT_CHECK_MILLIS)) {
                if (paused) {
                    // Paused during the wait: the loop hands the held messages back instead.
                    slots.releaseRun();
                    return;
                }
                runner.start(waiting.poll());
                waitingCount = waiting.size();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private long sinceLastFetch() {
        return (System.nanoTime() - lastFetchAt) / 1_000_000;
    }

    private void releaseLanded() {
        try {
            consumer.releaseLanded();
        } catch (RuntimeException e) {
            backoff.pause(e);
        }
    }

    private void giveBack(int count, boolean held) {
        if (held) {
            slots.releaseHeld(count);
        } else {
            slots.releaseClaimed(count);
        }
    }

    /** Fetches (after a wait in Redis if {@code block}); on failure gives the permits back and returns null. */
    private List<Delivery> fetchOrNull(int permits, boolean holdExtra, boolean block) {
        try {
            List<Delivery> deliveries;
            if (block) {
                deliveries = consumer.awaitAndFetch(permits, blockTime);
            } else {
                waitingCount = waiting.size() + permits;
                deliveries = consumer.fetch(permits);
                waitingCount = waiting.size();
            }
            backoff.succeeded();
            return deliveries;
        } catch (RuntimeException e) {
            waitingCount = waiting.size();
            giveBack(permits, holdExtra);
            // Retrying through a Redis outage is alive, not stuck: readiness reports the outage.
            lastProgress = System.currentTimeMillis();
            if (!backoff.pause(e)) {
                running = false;
            }
            return null;
        }
    }

    /** Stopping or paused: the held messages that did not start go back to the queue, in their order. */
    private void returnUnstarted() {
        List<Delivery> unstarted = List.copyOf(waiting);
        waiting.clear();
        waitingCount = 0;
        returnUnstarted(unstarted, true);
    }

    private void returnUnstarted(List<Delivery> unstarted, boolean held) {
        try {
            consumer.requeue(unstarted);
        } catch (RuntimeException e) {
            // Still in this consumer's in-flight bookkeeping, which leaving hands to other workers (or, if Redis
            // stays away, the expiry of this worker's lease).
            LOG.warnf("Could not return %d fetched messages to queue %s (%s); they will be recovered from this"
                    + " worker's lease", unstarted.size(), consumer.queue(), e.getMessage());
        }
        giveBack(unstarted.size(), held);
    }

    private void awaitMessages() {
        try {
            consumer.awaitMessages(blockTime);
            backoff.succeeded();
        } catch (RuntimeException e) {
            backoff.pause(e);
        }
        lastProgress = System.currentTimeMillis();
    }

    private volatile Thread thread;
    private volatile boolean paused;

    void pause(boolean paused) {
        this.paused = paused;
    }

    boolean isPaused() {
        return paused;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the loop's thread is running. */
    boolean isAlive() {
        Thread t = thread;
        return t != null && t.isAlive();
    }

    void runOn(Thread thread) {
        this.thread = thread;
    }

    /** Asks the loop to stop; it does within one block time. */
    void stop() {
        running = false;
    }

    String queue() {
        return consumer.queue();
    }

    /** Messages this loop holds that wait in memory for a slot, or is fetching without waiting in Redis. */
    int waitingCount() {
        return waitingCount;
    }

    /** When the loop last completed a round trip; a loop stuck for long makes the worker unhealthy. */
    long lastProgressMillis() {
        return lastProgress;
    }
}
