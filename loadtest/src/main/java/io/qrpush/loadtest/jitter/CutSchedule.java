package io.qrpush.loadtest.jitter;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When the load tester cuts a subscriber's socket and when the subscriber comes back. Each
 * connection lives a random time around {@code every} (uniform from half to one and a half
 * times it), so connections die about every {@code every} but never in step; the first cut of
 * each falls anywhere in the first period, so cuts are spread evenly from the start. A cut
 * subscriber reconnects after a full-jitter backoff, as client-js does: a random pause up to
 * {@code reconnect}, doubled after each failed attempt up to {@link #MAX_BACKOFF}.
 */
public final class CutSchedule {
    /** The longest pause between two failed reconnects. */
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    /** The shortest cap on the pause after a failed reconnect. */
    public static final Duration MIN_RETRY = Duration.ofMillis(100);

    private final long everyNanos;
    private final long reconnectNanos;

    public CutSchedule(Duration every, Duration reconnect) {
        if (every.isNegative() || every.isZero() || reconnect.isNegative()) {
            throw new IllegalArgumentException("the cut period must be positive and the reconnect pause not negative");
        }
        this.everyNanos = every.toNanos();
        this.reconnectNanos = reconnect.toNanos();
    }

    /** From the start of the load to a connection's first cut: anywhere in the first period. */
    public long firstCut(RandomGenerator random) {
        return random.nextLong(everyNanos);
    }

    /** From a connection's (re)subscription to its next cut: from half to one and a half periods. */
    public long nextCut(RandomGenerator random) {
        return everyNanos / 2 + random.nextLong(everyNanos);
    }

    /**
     * The pause before reconnect attempt {@code failures + 1} ({@code failures} in a row failed
     * before it): random up to a cap that starts at the configured pause and doubles per failure;
     * after a failure the cap is at least {@link #MIN_RETRY}, so that a node refusing every attempt
     * is not hammered even with a zero pause.
     */
    public long reconnectPause(int failures, RandomGenerator random) {
        long first = failures == 0 ? reconnectNanos : Math.max(reconnectNanos, MIN_RETRY.toNanos());
        long cap = Math.min(MAX_BACKOFF.toNanos(), first << Math.min(failures, 16));
        return cap <= 0 ? 0 : random.nextLong(cap + 1);
    }
}
