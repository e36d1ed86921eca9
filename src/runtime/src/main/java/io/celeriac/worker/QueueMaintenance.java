package io.celeriac.worker;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import org.jboss.logging.Logger;

import io.celeriac.broker.QueueConsumer;
import io.celeriac.broker.RecoveryReport;
import io.celeriac.redis.RedisGateway;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;

/**
 * Background duties of a worker toward one queue: renew its lease (every third of the lease), return the messages
 * of dead workers to the queue (recording FAILURE for those it dead-letters instead), and promote delayed messages
 * when they fall due (sleeping until the next one is due, at most the poll interval).
 *
 * <p>
 * After a Redis restart, every lease looks expired by the time of the outage. Recovery therefore waits until Redis
 * has been up for a whole lease duration, giving live workers the chance to renew first, so that a restart does
 * not make workers re-run each other's running tasks.
 */
final class QueueMaintenance implements Runnable {

    private static final Logger LOG = Logger.getLogger(QueueMaintenance.class);

    private final QueueConsumer consumer;
    private final RedisGateway redis;
    private final WorkerLostFailures failures;
    private final long leaseMillis;
    private final long pollMillis;
    private final Backoff backoff;
    private volatile boolean running = true;
    private volatile Thread thread;

    QueueMaintenance(QueueConsumer consumer, RedisGateway redis, WorkerLostFailures failures, Duration lease,
            Duration pollInterval) {
        this.consumer = consumer;
        this.redis = redis;
        this.failures = failures;
        this.leaseMillis = lease.toMillis();
        this.pollMillis = Math.max(10, pollInterval.toMillis());
        this.backoff = new Backoff(LOG, "Maintenance of queue " + consumer.queue());
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        long nextRenewal = 0;
        long nextRecovery = 0;
        while (running) {
            long now = System.currentTimeMillis();
            long nextDue;
            try {
                if (now >= nextRenewal) {
                    if (!consumer.renewLease()) {
                        LOG.errorf("This worker's lease on queue %s had expired and its in-flight messages were handed"
                                + " to other workers (was it paused longer than %d ms?); tasks running here may run"
                                + " twice", consumer.queue(), leaseMillis);
                    }
                    nextRenewal = now + leaseMillis / 3;
                }
                if (now >= nextRecovery) {
                    consumer.checkOrphans();
                    recover();
                    nextRecovery = now + Math.max(1000, leaseMillis / 2);
                }
                nextDue = consumer.promoteDue();
                backoff.succeeded();
            } catch (RuntimeException e) {
                if (!running) {
                    return; // stopping: a failure now comes from the shutdown, not an outage
                }
                if (!backoff.pause(e)) {
                    return;
                }
                continue;
            }
            long wake = Math.min(Math.min(nextRenewal, nextRecovery), now + pollMillis);
            if (nextDue > 0) {
                wake = Math.min(wake, nextDue);
            }
            long sleep = wake - System.currentTimeMillis();
            if (sleep > 0) {
                // Parked rather than asleep: stop() wakes it with unpark, never with an interrupt, which would cut a
                // recovery pass off from its script's reply (and the FAILUREs it must record).
                LockSupport.parkNanos(sleep * 1_000_000);
            }
        }
    }

    private void recover() {
        long uptimeMillis = redisUptimeSeconds() * 1000;
        if (uptimeMillis < leaseMillis) {
            LOG.debugf("Redis up for %d ms only: not recovering leases on %s yet", uptimeMillis, consumer.queue());
            return;
        }
        RecoveryReport report = consumer.recoverAbandoned();
        if (report.isEmpty()) {
            return;
        }
        if (report.deadLettered().isEmpty()) {
            LOG.warnf("Recovered %d in-flight messages of dead worker(s) %s on queue %s", report.returned(),
                    report.deadConsumers(), consumer.queue());
            return;
        }
        LOG.errorf("Recovered %d in-flight messages of dead worker(s) %s on queue %s; dead-lettered %d after too many"
                + " redeliveries: %s", report.returned(), report.deadConsumers(), consumer.queue(),
                report.deadLettered().size(), recordFailures(report));
    }

    /**
     * Records FAILURE for the dead-lettered tasks; returns them as {@code name[id]}. They are safe in the dead-letter
     * store already, so a failure here is only logged.
     */
    private List<String> recordFailures(RecoveryReport report) {
        try {
            return failures.record(report.deadLettered());
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not record FAILURE for the %d messages dead-lettered on queue %s; they are in the"
                    + " dead-letter store", report.deadLettered().size(), consumer.queue());
            return List.of();
        }
    }

    private long redisUptimeSeconds() {
        String info = redis.send(Request.cmd(Command.INFO).arg("server")).toString();
        int at = info.indexOf("uptime_in_seconds:");
        if (at < 0) {
            return Long.MAX_VALUE / 1000;
        }
        int end = info.indexOf('\r', at);
        return Long.parseLong(info.substring(at + "uptime_in_seconds:".length(), end < 0 ? info.length() : end).trim());
    }

    /** Stops and waits up to {@code timeout} for a pass in progress to end. */
    void stop(Duration timeout) {
        running = false;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(timeout.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
