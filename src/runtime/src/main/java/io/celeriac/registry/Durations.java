package io.celeriac.registry;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads durations in the forms Quarkus configuration accepts: {@code 500ms}, {@code 2s}, {@code 5m}, {@code 1h},
 * {@code 1d}, a bare number of seconds ({@code 30}, {@code 0.5}), or ISO-8601 ({@code PT1.5S}). The build checks
 * every duration of a {@code @Task} with the same rules.
 */
public final class Durations {

    private static final Pattern SHORT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)?");

    private Durations() {
    }

    /** Parses {@code text}; an empty text gives {@code null}. */
    public static Duration parseOrNull(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return parse(text);
    }

    /** Parses {@code text}, throwing an {@link IllegalArgumentException} that quotes it when it is not a duration. */
    public static Duration parse(String text) {
        String t = text.trim();
        Matcher m = SHORT.matcher(t);
        if (m.matches()) {
            double amount = Double.parseDouble(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            double millis = switch (unit) {
                case "ms" -> amount;
                case "s" -> amount * 1000;
                case "m" -> amount * 60_000;
                case "h" -> amount * 3_600_000;
                default -> amount * 86_400_000;
            };
            return Duration.ofNanos(Math.round(millis * 1_000_000));
        }
        try {
            return Duration.parse(t.toUpperCase());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (use e.g. 500ms, 2s, 5m, 1h, 1d or PT2S)");
        }
    }
}
