package io.qrpush.protocol.policy;

import io.qrpush.protocol.ReconnectDelay;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How long a client waits before its next attempt (docs/protocol.md, "Client behaviour"), the
 * same arithmetic in the Java SDK and client-js:
 * <ul>
 *   <li>{@link BackoffClass#NORMAL}: full-jitter exponential backoff above a floor, uniform in
 *       {@code [min, min(max, min * 2^(n+1))]} for attempt {@code n} (0 = the first retry). The
 *       jitter spreads thousands of clients that lost the same server over the whole window
 *       instead of letting them return at once; the floor keeps a flapping network from
 *       hammering the server with back-to-back attempts;</li>
 *   <li>{@link BackoffClass#RATE_LIMITED}: uniform in {@code [floor, max]} whatever the attempt,
 *       the floor being {@link #RATE_LIMITED_FLOOR_FACTOR} times {@code min} (4 s by default),
 *       since a client told to slow down must not come back within a second.</li>
 * </ul>
 */
public final class Backoff {
    /** The shortest ordinary wait of both clients unless configured otherwise. */
    public static final Duration DEFAULT_MIN = Duration.ofMillis(500);
    /** The longest wait of both clients unless configured otherwise. */
    public static final Duration DEFAULT_MAX = Duration.ofSeconds(20);
    /** The rate-limited floor as a multiple of {@code min}: 4 s for the default 0.5 s. */
    public static final int RATE_LIMITED_FLOOR_FACTOR = 8;

    private final long minMillis;
    private final long maxMillis;
    private final DoubleSupplier random;

    /**
     * @param random uniform in [0, 1]; tests pin it
     */
    public Backoff(Duration min, Duration max, DoubleSupplier random) {
        if (min.isNegative() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("backoff needs 0 <= min <= max");
        }
        this.minMillis = min.toMillis();
        this.maxMillis = max.toMillis();
        this.random = random;
    }

    public Backoff(Duration min, Duration max) {
        this(min, max, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** The ordinary wait before attempt {@code attempt}. */
    public long delayMillis(int attempt) {
        // Cap the exponent: 2^64 overflows, and past 2^30 the max has long been reached anyway.
        int exponent = Math.min(Math.max(attempt, 0), 29) + 1;
        double cap = Math.min((double) maxMillis, minMillis * Math.pow(2, exponent));
        return Math.round(minMillis + random.getAsDouble() * (cap - minMillis));
    }

    /** The wait before attempt {@code attempt} in the given class. */
    public long delayMillis(BackoffClass backoff, int attempt) {
        if (backoff == BackoffClass.NORMAL) {
            return delayMillis(attempt);
        }
        long floor = Math.min(maxMillis, minMillis * RATE_LIMITED_FLOOR_FACTOR);
        return Math.round(floor + random.getAsDouble() * (maxMillis - floor));
    }

    /**
     * The wait before the first attempt after a close: inside the server's {@code delay} window
     * when it sent one, else the backoff of the decision's class.
     */
    public long delayMillis(CloseDecision decision, int attempt) {
        ReconnectDelay window = decision.firstDelay();
        return window != null ? window.pickMillis(random.getAsDouble()) : delayMillis(decision.backoff(), attempt);
    }
}
