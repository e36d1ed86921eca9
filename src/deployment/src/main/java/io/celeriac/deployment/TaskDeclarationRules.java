package io.celeriac.deployment;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.DotName;
import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.Type;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.celeriac.beat.Schedule;
import io.celeriac.registry.Durations;

/**
 * The rules a {@code @Task} method must follow for Celeriac to call it from a message. Each broken rule is one
 * message that says what is wrong and what to do; the caller adds which method and bean.
 */
final class TaskDeclarationRules {

    private final JsonTypeCheck types;

    TaskDeclarationRules(JsonTypeCheck types) {
        this.types = types;
    }

    List<String> check(TaskDeclaration declaration) {
        List<String> problems = new ArrayList<>();
        MethodInfo method = declaration.method();
        if (Modifier.isPrivate(method.flags())) {
            problems.add("@Task method must not be private: Celeriac calls it from generated code");
        }
        if (Modifier.isStatic(method.flags())) {
            problems.add("@Task method must not be static: it is called on its bean");
        }
        String queue = declaration.queue();
        if (queue.indexOf('{') >= 0 || queue.indexOf('}') >= 0) {
            problems.add("@Task queue '" + queue + "' must not contain braces (they delimit Redis hash tags)");
        }
        checkParameters(method, problems);
        checkReturnType(method, problems);
        for (String attribute : List.of("retryBackoff", "retryBackoffMax", "softTimeLimit", "timeLimit")) {
            String value = declaration.string(attribute);
            if (!value.isEmpty()) {
                try {
                    if (Durations.parse(value).isNegative()) {
                        problems.add("@Task " + attribute + " must not be negative: '" + value + "'");
                    }
                } catch (IllegalArgumentException e) {
                    problems.add("@Task " + attribute + ": " + e.getMessage());
                }
            }
        }
        checkPeriodic(method, problems);
        if (declaration.integer("maxRetries", -1) < -1) {
            problems.add("@Task maxRetries must be -1 (the configured default), 0 or more");
        }
        return problems;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static void checkPeriodic(MethodInfo method, List<String> problems) {
        AnnotationInstance periodic = method.annotation(DotNames.PERIODIC);
        if (periodic == null) {
            return;
        }
        String every = TaskDeclaration.string(periodic, "every", "");
        String cron = TaskDeclaration.string(periodic, "cron", "");
        if (every.isEmpty() == cron.isEmpty()) {
            problems.add("@Periodic needs exactly one of every (\"30s\") and cron (\"0 */5 * * * ?\")");
        }
        if (!every.isEmpty()) {
            try {
                if (Durations.parse(every).isZero() || Durations.parse(every).isNegative()) {
                    problems.add("@Periodic every must be positive: '" + every + "'");
                }
            } catch (IllegalArgumentException e) {
                problems.add("@Periodic every: " + e.getMessage());
            }
        }
        if (!cron.isEmpty()) {
            try {
                Schedule.validateCron(cron);
            } catch (IllegalArgumentException e) {
                problems.add("@Periodic cron '" + cron + "' is not a Quartz cron expression: " + e.getMessage());
            }
        }
        String zone = TaskDeclaration.string(periodic, "timeZone", "");
        if (!zone.isEmpty()) {
            try {
                ZoneId.of(zone);
            } catch (DateTimeException e) {
                problems.add("@Periodic timeZone '" + zone + "' is not a time zone (e.g. Europe/Paris, UTC)");
            }
        }
        try {
            if (!JSON.readTree(TaskDeclaration.string(periodic, "args", "[]")).isArray()) {
                problems.add("@Periodic args must be a JSON array, e.g. [1, \"x\"]");
            }
            if (!JSON.readTree(TaskDeclaration.string(periodic, "kwargs", "{}")).isObject()) {
                problems.add("@Periodic kwargs must be a JSON object, e.g. {\"mode\": \"full\"}");
            }
        } catch (IOException e) {
            problems.add("@Periodic args/kwargs are not valid JSON: " + e.getMessage());
        }
    }

    private void checkParameters(MethodInfo method, List<String> problems) {
        int contexts = 0;
        for (int i = 0; i < method.parametersCount(); i++) {
            Type type = method.parameterType(i);
            String name = parameterName(method, i);
            DotName raw = type.name();
            if (raw.equals(DotNames.TASK_CONTEXT)) {
                contexts++;
                continue;
            }
            if (raw.equals(DotNames.UNI) || raw.equals(DotNames.MULTI) || raw.equals(DotNames.COMPLETION_STAGE)
                    || raw.equals(DotNames.TASK_OPTIONS)) {
                problems.add("parameter '" + name + "' of type " + type + " cannot be sent in a message; task"
                        + " parameters are plain values read from JSON");
                continue;
            }
            types.problem(type).ifPresent(p -> problems.add("parameter '" + name + "': " + p));
        }
        if (contexts > 1) {
            problems.add("@Task method declares more than one TaskContext parameter");
        }
    }

    private void checkReturnType(MethodInfo method, List<String> problems) {
        Type type = method.returnType();
        if (type.kind() == Type.Kind.VOID) {
            return;
        }
        DotName raw = type.name();
        if (raw.equals(DotNames.MULTI)) {
            problems.add("return type Multi is not supported: a task has one result; return Uni or a List");
            return;
        }
        if (raw.equals(DotNames.UNI) || raw.equals(DotNames.COMPLETION_STAGE)) {
            if (type.kind() != Type.Kind.PARAMETERIZED_TYPE) {
                problems.add("return type " + type + " needs a type argument (e.g. Uni<String>, Uni<Void>)");
                return;
            }
            Type value = type.asParameterizedType().arguments().get(0);
            if (!value.name().equals(DotNames.VOID)) {
                resultProblem(value).ifPresent(p -> problems.add("return type: " + p));
            }
            return;
        }
        resultProblem(type).ifPresent(p -> problems.add("return type: " + p));
    }

    private Optional<String> resultProblem(Type type) {
        return types.problem(type);
    }

    static String parameterName(MethodInfo method, int position) {
        String name = method.parameterName(position);
        return name == null ? "arg" + position : name;
    }
}
