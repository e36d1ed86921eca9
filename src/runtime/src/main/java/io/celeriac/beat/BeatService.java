package io.celeriac.beat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.celeriac.Beat;
import io.celeriac.TaskOptions;
import io.celeriac.broker.Broker;
import io.celeriac.broker.QueueKeys;
import io.celeriac.producer.CeleriacProducer;
import io.celeriac.redis.LuaScript;
import io.celeriac.redis.RedisGateway;
import io.celeriac.registry.TaskDefinition;
import io.celeriac.registry.TaskRegistry;
import io.celeriac.runtime.CeleriacConfig.MissedTicks;
import io.celeriac.runtime.CeleriacConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * The beat role. Every {@code celeriac.beat.check-interval} (a Quarkus Scheduler job) each replica with the
 * role computes the latest due tick of each schedule and tries to emit it with {@code beat_emit.lua}, which
 * compares and advances the schedule's last tick in Redis in the same atomic step as the publish: whichever
 * replica comes first emits, the others find the tick taken. There is no leader to elect or to stall.
 *
 * <p>
 * Emitted tasks get an id derived from the schedule and tick, and the headers {@code celeriac-beat} (schedule)
 * and {@code celeriac-beat-tick} (ISO instant), which a task can read through its {@code TaskContext}.
 */
@Singleton
public class BeatService implements Beat {

    private static final Logger LOG = Logger.getLogger(BeatService.class);
    private static final LuaScript EMIT = LuaScript.load("beat_emit");
    static final String JOB = "celeriac-beat";

    private final CeleriacConfig config;
    private final TaskRegistry registry;
    private final CeleriacProducer producer;
    private final Broker broker;
    private final RedisGateway redis;
    private final ObjectMapper mapper;
    private final Scheduler scheduler;
    private Map<String, ScheduledTask> schedules;

    BeatService(CeleriacConfig config, TaskRegistry registry, CeleriacProducer producer, Broker broker,
            RedisGateway redis, ObjectMapper mapper, Scheduler scheduler) {
        this.config = config;
        this.registry = registry;
        this.producer = producer;
        this.broker = broker;
        this.redis = redis;
        this.mapper = mapper;
        this.scheduler = scheduler;
    }

    void onStart(@Observes StartupEvent event) {
        Map<String, ScheduledTask> all = scheduledTasks();
        if (!config.beat().enabled()) {
            return;
        }
        scheduler.newJob(JOB).setInterval(config.beat().checkInterval().toMillis() + "ms")
                .setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP)
                .setTask(execution -> check(Instant.now())).schedule();
        LOG.infof("Celeriac beat emitting %d schedule(s): %s", all.size(), all.values().stream()
                .map(s -> s.name() + " (" + s.schedule() + ")").toList());
    }

    /** Every schedule by name: {@code @Periodic} tasks first, then configuration. */
    public synchronized Map<String, ScheduledTask> scheduledTasks() {
        if (schedules == null) {
            Map<String, ScheduledTask> all = new LinkedHashMap<>();
            for (TaskDefinition task : registry.all()) {
                if (task.periodic() != null) {
                    all.put(task.periodic().name(), task.periodic());
                }
            }
            config.beat().schedules().forEach((name, settings) -> all.put(name, fromConfig(name, settings)));
            schedules = all;
        }
        return schedules;
    }

    private ScheduledTask fromConfig(String name, CeleriacConfig.ScheduleConfig settings) {
        String where = "celeriac.beat.schedules.\"" + name + "\"";
        Schedule schedule;
        if (settings.every().isPresent() == settings.cron().isPresent()) {
            throw new IllegalStateException(where + ": set exactly one of every and cron");
        }
        try {
            schedule = settings.every().isPresent() ? Schedule.every(settings.every().get())
                    : Schedule.cron(settings.cron().get(), ZoneId.of(settings.timeZone()));
        } catch (RuntimeException e) {
            throw new IllegalStateException(where + ": " + e.getMessage(), e);
        }
        try {
            return new ScheduledTask(name, settings.task(), settings.queue().orElse(null), schedule,
                    mapper.readValue(settings.args(), new TypeReference<List<Object>>() {
                    }),
                    mapper.readValue(settings.kwargs(), new TypeReference<Map<String, Object>>() {
                    }));
        } catch (Exception e) {
            throw new IllegalStateException(where + ": args must be a JSON array and kwargs a JSON object: "
                    + e.getMessage(), e);
        }
    }

    /** Emits the due tick of every schedule, unless some replica already did; returns how many this call emitted. */
    public int check(Instant now) {
        int emitted = 0;
        for (ScheduledTask task : scheduledTasks().values()) {
            try {
                emitted += emitDue(task, now) ? 1 : 0;
            } catch (RuntimeException e) {
                LOG.warnf("Beat could not emit %s: %s; it tries again at the next check", task.name(), e.getMessage());
            }
        }
        return emitted;
    }

    private boolean emitDue(ScheduledTask task, Instant now) {
        Optional<Instant> due = task.schedule().latestTick(now);
        if (due.isEmpty()) {
            return false;
        }
        Instant tick = due.get();
        boolean onTime = Duration.between(tick, now).compareTo(config.beat().maxLateness()) <= 0;
        TaskOptions options = TaskOptions.defaults()
                .taskId(UUID.nameUUIDFromBytes(("celeriac-beat:" + task.name() + ":" + tick.toEpochMilli())
                        .getBytes(StandardCharsets.UTF_8)).toString())
                .header("celeriac-beat", task.name())
                .header("celeriac-beat-tick", tick.toString());
        if (task.queue() != null) {
            options = options.queue(task.queue());
        }
        for (Map.Entry<String, Object> kwarg : task.kwargs().entrySet()) {
            options = options.kwarg(kwarg.getKey(), kwarg.getValue());
        }
        CeleriacProducer.Encoded message = producer.encode(task.task(), task.args().toArray(), options);
        String target;
        String how;
        switch (broker.transport(message.queue())) {
            case STREAM -> {
                target = broker.keys(message.queue()).stream(0);
                how = "xadd";
            }
            case CELERY -> {
                target = message.queue();
                how = "lpush";
            }
            default -> {
                target = broker.keys(message.queue()).ready();
                how = "lpush";
            }
        }
        int outcome = EMIT.run(redis, List.of(lastTickKey(message.queue(), task.name()), target),
                List.of(Long.toString(tick.toEpochMilli()), onTime ? "1" : "0",
                        config.beat().missed() == MissedTicks.CATCH_UP ? "catch-up" : "skip", how, message.payload()))
                .toInteger();
        switch (outcome) {
            case 1 -> LOG.debugf("Beat emitted %s for %s%s", task.name(), tick, onTime ? "" : " (catching up)");
            case 3 -> LOG.infof("Beat skipped the missed tick %s of %s (celeriac.beat.missed=skip)", tick,
                    task.name());
            default -> {
            }
        }
        return outcome == 1;
    }

    private String lastTickKey(String queue, String schedule) {
        return new QueueKeys(config.keyPrefix(), queue).base() + "beat:" + schedule;
    }

    @Override
    public boolean isEnabled() {
        return config.beat().enabled();
    }

    @Override
    public List<ScheduleInfo> schedules() {
        Instant now = Instant.now();
        List<ScheduleInfo> infos = new ArrayList<>();
        for (ScheduledTask task : scheduledTasks().values()) {
            String queue = queueOf(task);
            Response last = redis.send(Request.cmd(Command.GET).arg(lastTickKey(queue, task.name())));
            infos.add(new ScheduleInfo(task.name(), task.task(), queue, task.schedule().toString(),
                    last == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(last.toLong())),
                    task.schedule().nextTick(now).orElse(null)));
        }
        return infos;
    }

    private String queueOf(ScheduledTask task) {
        if (task.queue() != null) {
            return task.queue();
        }
        TaskDefinition local = registry.find(task.task());
        return local != null && local.queue() != null ? local.queue() : config.defaultQueue();
    }
}
