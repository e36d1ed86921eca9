package io.celeriac.worker;

import java.time.Duration;
import java.util.List;

import org.jboss.logging.Logger;

import io.celeriac.broker.Delivery;
import io.celeriac.broker.QueueConsumer;

/**
 * Feeds one queue's messages to the worker: waits for free slots, fetches at most that many in one round trip,
 * starts them, and blocks briefly in Redis when the queue is empty. Never asks for more than it can run, so no
 * message waits in this process while another worker is idle.
 */
final class ConsumerLoop implements Runnable {

    private static final Logger LOG = Logger.getLogger(ConsumerLoop.class);

    private final QueueConsumer consumer;
    private final Slots slots;
    private final TaskRunner runner;
    private final int prefetch;
    private final Duration blockTime;
    private final Backoff backoff;
    private volatile boolean running = true;
    private volatile long lastProgress = System.currentTimeMillis();

    ConsumerLoop(QueueConsumer consumer, Slots slots, TaskRunner runner, int prefetch, Duration blockTime) {
        this.consumer = consumer;
        this.slots = slots;
        this.runner = runner;
        this.prefetch = prefetch;
        this.blockTime = blockTime;
        this.backoff = new Backoff(LOG, "Consumer of queue " + consumer.queue());
    }

    @Override
    public void run() {
        while (running) {
            int taken;
            try {
                // Wake up every second while all slots are busy, to show the loop is alive (liveness check).
                taken = slots.acquireUpTo(prefetch, 1000);
            } catch (InterruptedException e) {
                break;
            }
            lastProgress = System.currentTimeMillis();
            if (taken == 0) {
                continue;
            }
            if (paused) {
                // Paused by a control command: hold no message, check again after a block time. A blocking read
                // that began before the pause may have taken one: it goes back to the queue.
                slots.release(taken);
                try {
                    consumer.releaseLanded();
                } catch (RuntimeException e) {
                    backoff.pause(e);
                }
                sleepQuietly(blockTime.toMillis());
                continue;
            }
            if (!running) {
                slots.release(taken);
                break;
            }
            List<Delivery> deliveries;
            try {
                deliveries = consumer.fetch(taken);
                backoff.succeeded();
            } catch (RuntimeException e) {
                slots.release(taken);
                // Retrying through a Redis outage is alive, not stuck: readiness reports the outage.
                lastProgress = System.currentTimeMillis();
                if (!backoff.pause(e)) {
                    break;
                }
                continue;
            }
            lastProgress = System.currentTimeMillis();
            slots.release(taken - deliveries.size());
            if (deliveries.isEmpty()) {
                awaitMessages();
                continue;
            }
            for (Delivery delivery : deliveries) {
                runner.start(delivery);
            }
            if (deliveries.size() < taken) {
                // The queue ran dry: asking again would most likely come back empty, a wasted round trip. Block
                // instead; Redis answers at once if a message arrived meanwhile.
                awaitMessages();
            }
        }
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

    /** When the loop last completed a round trip; a loop stuck for long makes the worker unhealthy. */
    long lastProgressMillis() {
        return lastProgress;
    }
}
