package io.celeriac.beat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Optional;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

/**
 * When a schedule ticks: every fixed interval (aligned on the epoch, so that all replicas agree on the ticks
 * without talking to each other) or on a Quartz cron expression in a time zone.
 */
public final class Schedule {

    private static final CronParser QUARTZ = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    private final Duration every;
    private final String cron;
    private final ZoneId zone;
    private final ExecutionTime executionTime;

    private Schedule(Duration every, String cron, ZoneId zone) {
        this.every = every;
        this.cron = cron;
        this.zone = zone;
        this.executionTime = cron == null ? null : ExecutionTime.forCron(QUARTZ.parse(cron));
    }

    public static Schedule every(Duration every) {
        if (every.isZero() || every.isNegative()) {
            throw new IllegalArgumentException("a schedule interval must be positive: " + every);
        }
        return new Schedule(every, null, ZoneId.of("UTC"));
    }

    public static Schedule cron(String expression, ZoneId zone) {
        return new Schedule(null, expression, zone);
    }

    /** Checks a cron expression; throws {@link IllegalArgumentException} saying what is wrong. */
    public static void validateCron(String expression) {
        QUARTZ.parse(expression);
    }

    /** The latest tick at or before {@code now}, if any. */
    public Optional<Instant> latestTick(Instant now) {
        if (every != null) {
            long period = every.toMillis();
            return Optional.of(Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), period) * period));
        }
        ZonedDateTime at = now.plusMillis(1).atZone(zone);
        return executionTime.lastExecution(at).map(ZonedDateTime::toInstant);
    }

    /** The first tick after {@code now}. */
    public Optional<Instant> nextTick(Instant now) {
        if (every != null) {
            long period = every.toMillis();
            return Optional.of(Instant.ofEpochMilli((Math.floorDiv(now.toEpochMilli(), period) + 1) * period));
        }
        return executionTime.nextExecution(now.atZone(zone)).map(ZonedDateTime::toInstant);
    }

    @Override
    public String toString() {
        return every != null ? "every " + every.toString().substring(2).toLowerCase(Locale.ROOT)
                : "cron " + cron + " (" + zone + ")";
    }
}
