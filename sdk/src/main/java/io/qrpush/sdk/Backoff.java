package io.qrpush.sdk;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Full-jitter exponential backoff above a floor: the delay for attempt {@code n} (0 = the first
 * retry) is uniform in {@code [min, min(max, min * 2^(n+1))]}. The jitter spreads thousands of
 * clients that lost the same server over the whole window instead of letting them return at once;
 * the floor keeps a flapping network from hammering the server with back-to-back attempts.
 */
final class Backoff {
    private final long minMillis;
    private final long maxMillis;
    private final DoubleSupplier random;

    Backoff(Duration min, Duration max, DoubleSupplier random) {
        if (min.isNegative() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("backoff needs 0 <= min <= max");
        }
        this.minMillis = min.toMillis();
        this.maxMillis = max.toMillis();
        this.random = random;
    }

    Backoff(Duration min, Duration max) {
        this(min, max, () -> ThreadLocalRandom.current().nextDouble());
    }

    long delayMillis(int attempt) {
        // Cap the exponent: 2^64 overflows, and past 2^30 the max has long been reached anyway.
        int exponent = Math.min(Math.max(attempt, 0), 29) + 1;
        double cap = Math.min((double) maxMillis, minMillis * Math.pow(2, exponent));
        return Math.round(minMillis + random.getAsDouble() * (cap - minMillis));
    }
}
