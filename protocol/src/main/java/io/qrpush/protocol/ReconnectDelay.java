package io.qrpush.protocol;

/**
 * The {@code delay:[min,max]} of a {@code disconnect} frame (docs/protocol.md, "disconnect and
 * close codes"): a client waits a uniformly random time inside it before its first reconnect
 * attempt, so the clients of a draining node come back spread over the window, not all at once.
 *
 * @param minMillis the shortest wait, at least 0
 * @param maxMillis the longest wait, at least {@code minMillis} and at most {@link #MAX_MILLIS}
 */
public record ReconnectDelay(long minMillis, long maxMillis) {
    /**
     * The longest wait a client accepts. A window beyond it is cut down to it: a server that
     * mixed up seconds and milliseconds must not park its clients for hours.
     */
    public static final long MAX_MILLIS = 300_000;

    public ReconnectDelay {
        if (minMillis < 0 || maxMillis < minMillis || maxMillis > MAX_MILLIS) {
            throw new IllegalArgumentException("delay needs 0 <= min <= max <= " + MAX_MILLIS + ": ["
                    + minMillis + "," + maxMillis + "]");
        }
    }

    /**
     * The window as a client reads it off the wire: null (ignored) unless both ends are
     * non-negative numbers with {@code min <= max}; each end is cut to {@link #MAX_MILLIS} and
     * rounded down to a whole millisecond.
     */
    public static ReconnectDelay fromWire(double min, double max) {
        if (!(min >= 0) || !(max >= min) || Double.isInfinite(max)) {
            return null; // NaN fails every comparison above
        }
        return new ReconnectDelay(wholeMillis(min), wholeMillis(max));
    }

    /** A wait inside the window; {@code random} is uniform in [0, 1]. */
    public long pickMillis(double random) {
        return Math.round(minMillis + random * (maxMillis - minMillis));
    }

    private static long wholeMillis(double d) {
        return (long) Math.floor(Math.min(d, MAX_MILLIS));
    }
}
