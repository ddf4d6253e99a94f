package io.qrpush.protocol.policy;

import io.qrpush.protocol.ReconnectDelay;

/**
 * What a client does when its connection ends: stop for good, or reconnect after a wait taken
 * from {@code backoff}, or from {@code firstDelay} when the server sent a window.
 *
 * @param reconnect  whether to come back at all
 * @param backoff    the class of the wait; null when stopping
 * @param firstDelay the server's {@code delay} window for the next attempt, or null
 */
public record CloseDecision(boolean reconnect, BackoffClass backoff, ReconnectDelay firstDelay) {
    /** Stop: nothing a new attempt could change. */
    public static final CloseDecision STOP = new CloseDecision(false, null, null);

    public CloseDecision {
        if (reconnect == (backoff == null)) {
            throw new IllegalArgumentException("a backoff class goes with reconnecting only");
        }
        if (!reconnect && firstDelay != null) {
            throw new IllegalArgumentException("a delay window goes with reconnecting only");
        }
    }
}
