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
                taken = slots.acquireUpTo(prefetch);
            } catch (InterruptedException e) {
                break;
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
