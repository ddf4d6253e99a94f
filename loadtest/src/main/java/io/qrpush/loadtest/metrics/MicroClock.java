package io.qrpush.loadtest.metrics;

import java.time.Instant;

/**
 * Epoch microseconds from the monotonic clock. Latency is taken between an intended send time and
 * a receive time that may be in two processes of one machine (a fan-out split over children), so
 * both ends need the same epoch; deriving it once from the wall clock and advancing it with
 * {@link System#nanoTime()} keeps it monotonic within a process and NTP steps out of the figures.
 */
public final class MicroClock {
    private static final long BASE_NANOS = System.nanoTime();
    private static final long BASE_MICROS;

    static {
        Instant now = Instant.now();
        BASE_MICROS = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    private MicroClock() {
    }

    /** Now, in epoch microseconds. */
    public static long now() {
        return toEpochMicros(System.nanoTime());
    }

    /** A {@link System#nanoTime()} reading as epoch microseconds. */
    public static long toEpochMicros(long nanoTime) {
        return BASE_MICROS + (nanoTime - BASE_NANOS) / 1_000;
    }
}
