package io.qrpush.server.config;

import java.time.Duration;

/** Parses durations written {@code 500ms}, {@code 10s}, {@code 2m} or {@code 1h}. */
public final class Durations {
    private Durations() {
    }

    /** @throws IllegalArgumentException with a reason a person can act on */
    public static Duration parse(String text) {
        String t = text.trim();
        int unitAt = 0;
        while (unitAt < t.length() && Character.isDigit(t.charAt(unitAt))) {
            unitAt++;
        }
        if (unitAt == 0 || unitAt > 12) {
            throw new IllegalArgumentException("'" + text + "' is not a duration like 500ms, 10s, 2m or 1h");
        }
        long n = Long.parseLong(t.substring(0, unitAt));
        return switch (t.substring(unitAt)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> throw new IllegalArgumentException(
                    "'" + text + "' needs a unit: ms, s, m or h (for example 10s)");
        };
    }
}
