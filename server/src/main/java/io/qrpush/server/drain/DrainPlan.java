package io.qrpush.server.drain;

import io.qrpush.protocol.ReconnectDelay;
import java.time.Duration;

/**
 * When each client of a draining node is told to go, and the {@code delay} it is told
 * (docs/protocol.md section 2, "Draining"). Client {@code i} of {@code n} is due
 * {@code i * window / n} after the drain began: the first at once, the rest evenly spaced, so
 * the node's neighbours see its connections arrive at {@code n / window} a second instead of all
 * within a second. The drain tells the due ones every {@link #BATCH} (small batches, not one
 * timer per client), and each is given {@code delay:[0, min(1 s, window)]}: a batch's reconnects
 * smear over the next ten batches, so their arrival stays flat rather than bunching at each batch,
 * and no client waits longer than its own first backoff (0.5 to 1 s) would have made it.
 *
 * @param clients the sessions the node had when the drain began
 * @param window  {@code server.drainWindow}; zero tells everyone at once, without a delay
 */
public record DrainPlan(int clients, Duration window) {
    /** How often the due clients are told. */
    public static final Duration BATCH = Duration.ofMillis(100);
    /** The widest reconnect window given: the upper end of a client's first backoff. */
    static final long MAX_DELAY_MILLIS = 1000;

    public DrainPlan {
        if (clients < 0 || window.isNegative()) {
            throw new IllegalArgumentException("a drain needs clients >= 0 and a window >= 0");
        }
    }

    /** How many clients must have been told {@code elapsed} after the drain began. */
    public int dueBy(Duration elapsed) {
        long windowMillis = window.toMillis();
        long at = elapsed.toMillis();
        if (clients == 0 || windowMillis == 0 || at >= windowMillis) {
            return clients;
        }
        return (int) Math.min(clients, Math.max(0, at) * clients / windowMillis + 1);
    }

    /** The {@code delay} every client is told, or null when the window is zero (all at once, as before 1.1). */
    public ReconnectDelay delay() {
        return window.isZero() ? null : new ReconnectDelay(0, Math.min(MAX_DELAY_MILLIS, window.toMillis()));
    }
}
