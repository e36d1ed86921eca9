package io.celeriac.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithDefaults;

/**
 * Celeriac run-time settings: queues, workers and results.
 */
@ConfigMapping(prefix = "celeriac")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface CeleriacConfig {

    /**
     * The queue a task is sent to when neither the call nor the task's {@code @Task(queue)} names one.
     */
    @WithDefault("default")
    String defaultQueue();

    /**
     * The prefix of the Redis keys Celeriac uses for queues, leases and bookkeeping.
     */
    @WithDefault("celeriac")
    String keyPrefix();

    /**
     * The worker role of this application.
     */
    WorkerConfig worker();

    /**
     * The result backend.
     */
    ResultConfig result();

    /**
     * Retry defaults for tasks that do not set their own on {@code @Task}.
     */
    RetryConfig retry();

    /**
     * The largest message a producer may send and a worker accepts (arguments included, as stored in Redis); larger
     * ones are refused at send and dead-lettered when found in a queue.
     */
    @WithDefault("1M")
    MemorySize maxMessageSize();

    /**
     * Revocations.
     */
    RevocationConfig revocation();

    /**
     * The beat role: emitting periodic tasks.
     */
    BeatConfig beat();

    /**
     * Health checks.
     */
    HealthConfig health();

    /** Health check settings. */
    interface HealthConfig {

        /**
         * A consumer loop that has made no progress for this long is reported stuck and the worker not live.
         */
        @WithDefault("60s")
        Duration stuckAfter();
    }

    /** Beat settings. */
    interface BeatConfig {

        /**
         * Whether this application emits the ticks of periodic tasks. Off by default; turn it on in as many replicas
         * as you like: each tick is emitted once, by whichever replica claims it first in Redis.
         */
        @WithDefault("false")
        boolean enabled();

        /**
         * How often the beat looks for due ticks (driven by Quarkus Scheduler); a tick is emitted at most this long
         * after it falls due.
         */
        @WithDefault("1s")
        Duration checkInterval();

        /**
         * A tick found due for longer than this was missed (every beat was down): {@code missed} decides its fate.
         */
        @WithDefault("30s")
        Duration maxLateness();

        /**
         * What happens to ticks missed while every beat was down: {@code skip} (the default, as Celery beat) emits
         * nothing for them; {@code catch-up} emits the most recent missed tick once, when a beat is back.
         */
        @WithDefault("skip")
        MissedTicks missed();

        /**
         * Periodic tasks declared in configuration, by schedule name; for tasks defined elsewhere (another service,
         * a Python Celery task) or to schedule a local task without {@code @Periodic}.
         */
        Map<String, ScheduleConfig> schedules();
    }

    /** What to do with ticks missed while no beat ran. */
    enum MissedTicks {
        /** Emit nothing for them. */
        SKIP,
        /** Emit the most recent one, once. */
        CATCH_UP
    }

    /** A periodic task declared in configuration. */
    interface ScheduleConfig {

        /** The task to emit. */
        String task();

        /** A fixed interval ({@code 30s}, {@code 5m}); ticks fall on multiples of it since the epoch. */
        Optional<Duration> every();

        /** A Quartz cron expression, instead of {@code every}. */
        Optional<String> cron();

        /** The time zone of {@code cron}. */
        @WithDefault("UTC")
        String timeZone();

        /** Positional arguments, as a JSON array. */
        @WithDefault("[]")
        String args();

        /** Keyword arguments, as a JSON object. */
        @WithDefault("{}")
        String kwargs();

        /** The queue to emit to; unset uses the task's queue if it is defined here, else the default queue. */
        Optional<String> queue();
    }

    /**
     * The transport of queues that do not set their own: {@code list} or {@code stream} (see
     * {@code celeriac.queues."<name>".transport}).
     */
    @WithDefault("list")
    Transport transport();

    /**
     * Settings of individual queues, by queue name ({@code celeriac.queues."<name>".transport=celery}); a queue not
     * listed uses the defaults.
     */
    @WithDefaults
    Map<String, QueueConfig> queues();

    /** How one queue is stored. */
    interface QueueConfig {

        /**
         * The transport of the queue: {@code list} (Redis lists), {@code stream} (Redis streams with a consumer
         * group) or {@code celery} (kombu's Redis layout, shared with Python Celery workers and clients); unset takes
         * {@code celeriac.transport}.
         */
        Optional<Transport> transport();

        /**
         * {@code celery} queues only: how long a message may stay unacknowledged before any worker (Celeriac or
         * Celery) redelivers it, as kombu's {@code visibility_timeout}. Celeriac workers keep their running tasks
         * from timing out, so only messages of dead workers are redelivered.
         */
        @WithDefault("3600s")
        Duration visibilityTimeout();
    }

    /** Queue transports. */
    enum Transport {
        /** Redis lists and sorted sets under {@code <key-prefix>:{queue}:*}. */
        LIST,
        /** A Redis stream with a consumer group under {@code <key-prefix>:{queue}:stream}. */
        STREAM,
        /** kombu's layout: the list named as the queue, its priority lists, and the {@code unacked} hash. */
        CELERY
    }

    /** Revocation settings. */
    interface RevocationConfig {

        /**
         * How long a revocation is kept in Redis and honoured by workers, including workers started later; a revoked
         * task still queued after that runs.
         */
        @WithDefault("1d")
        Duration expires();
    }

    /** Worker settings. */
    interface WorkerConfig {

        /**
         * Whether this application runs a worker that consumes the configured queues.
         */
        @WithDefault("false")
        boolean enabled();

        /**
         * The queues this worker consumes.
         */
        @WithDefault("default")
        List<String> queues();

        /**
         * How many tasks this worker runs at the same time (each on its own virtual thread).
         */
        @WithDefault("16")
        int concurrency();

        /**
         * The most messages one fetch takes from Redis in one round trip.
         */
        @WithDefault("64")
        int prefetch();

        /**
         * How many messages per slot the worker may hold (running or waiting in memory for a slot) while its tasks
         * are short (see {@code short-task}); with long tasks it holds no more than it can run. 1 never holds extra.
         */
        @WithDefault("4")
        int prefetchMultiplier();

        /**
         * Tasks that ran shorter than this on average count as short: only then does the worker hold messages beyond
         * its free slots ({@code prefetch-multiplier}), since a message waiting behind them starts within moments.
         */
        @WithDefault("10ms")
        Duration shortTask();

        /**
         * How long an idle worker blocks in Redis waiting for a message before it checks again; short so that
         * shutdown stays prompt.
         */
        @WithDefault("1s")
        Duration blockTime();

        /**
         * How long a worker's claim on its in-flight messages lasts without renewal; the worker renews it every third
         * of this while alive. When a worker dies, any other worker returns its in-flight messages to the queue once
         * the lease has expired.
         */
        @WithDefault("30s")
        Duration leaseDuration();

        /**
         * How often the worker looks for delayed messages (countdown, ETA, retry backoff) that have become due, at
         * most; it wakes earlier when it knows the next one is due sooner.
         */
        @WithDefault("500ms")
        Duration delayedPollInterval();

        /**
         * How many times a message may be recovered from a worker that died while running it before it is
         * considered poison and moved to the dead-letter store; its task is then recorded as FAILURE
         * ({@code celery.exceptions.WorkerLostError}).
         */
        @WithDefault("5")
        int maxRedeliveries();

        /**
         * On shutdown, how long running tasks may take to finish before their messages are returned to the queue.
         */
        @WithDefault("20s")
        Duration shutdownTimeout();

        /**
         * This worker's name in logs and in the worker registry; defaults to {@code celeriac@<hostname>}.
         */
        Optional<String> name();

        /**
         * Soft time limit for tasks that declare none: the task's thread is interrupted after this long.
         */
        Optional<Duration> softTimeLimit();

        /**
         * Hard time limit for tasks that declare none: the worker records FAILURE and frees the slot after this long.
         */
        Optional<Duration> timeLimit();
    }

    /** Retry defaults. */
    interface RetryConfig {

        /**
         * How many times a failing task is retried before it is recorded as FAILURE and dead-lettered; 0 disables
         * retries.
         */
        @WithDefault("3")
        int maxRetries();

        /**
         * The delay before the first retry; each further retry doubles it, and the delay actually used is drawn at
         * random between zero and that value (full jitter), so that failing tasks do not retry in lockstep.
         */
        @WithDefault("1s")
        Duration backoff();

        /**
         * The longest delay between two retries.
         */
        @WithDefault("5m")
        Duration backoffMax();
    }

    /** Result backend settings. */
    interface ResultConfig {

        /**
         * How long results and states are kept in Redis.
         */
        @WithDefault("1d")
        Duration expires();

        /**
         * Whether workers record the STARTED state when a task begins. Writes of STARTED that a quick task's final
         * state overtakes are skipped, so this costs little under load.
         */
        @WithDefault("true")
        boolean trackStarted();

        /**
         * The prefix of result keys; Celery's, so that Celery clients and Celeriac read each other's results.
         */
        @WithDefault("celery-task-meta-")
        String keyPrefix();
    }
}
