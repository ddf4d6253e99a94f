package io.qrpush.server.login;

import io.qrpush.server.metrics.ServerMetrics;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admission control for new login sessions: whether this node should take on another one, from
 * the sustained event-loop lag the server wiring tells it once a window; with its metrics.
 *
 * <p>A node that falls behind and keeps accepting everything stays behind: each flow it admits
 * holds connections and timers while it waits, which slows every other flow, so it finishes fewer
 * flows a second than it is offered and the backlog only grows. Refusing part of the new sessions,
 * early and cheaply, lets the ones already admitted finish. The share admitted follows the lag the
 * way a delay-based congestion window follows round-trip time: after each window whose sustained
 * lag is over the limit it is multiplied by limit / lag (a little over the limit trims it a
 * little, far over cuts it hard), and after each window under the limit it climbs back by a
 * tenth. A node settles at what it can serve instead of swinging between refusing all and
 * admitting all.
 */
public final class LoginAdmission {
    private static final Logger LOG = LoggerFactory.getLogger(LoginAdmission.class);
    private static final double INCREASE = 0.1;
    /** Retry-After grows with the lag: a node far behind needs longer to catch up. */
    private static final int RETRY_SECONDS_PER_SECOND_OF_LAG = 4;
    private static final int MAX_RETRY_SECONDS = 10;

    private final long maxLagNanos;
    private final DoubleSupplier random;
    private final LongAdder refused = new LongAdder();
    private volatile long lagNanos;
    private volatile double admitShare = 1;
    /** {@link #refused} when the node last fell behind, for the count in the "caught up" line. */
    private long refusedBefore;

    /** @param maxLag the sustained lag over which new work is refused; zero never refuses */
    public LoginAdmission(Duration maxLag, ServerMetrics metrics) {
        this(maxLag, () -> ThreadLocalRandom.current().nextDouble());
        metrics.gauge("qrpush_event_loop_lag_seconds", "Sustained event-loop lag: the least lateness of a probe"
                + " task in the last window, on the worst loop", this::lagSeconds);
        metrics.gauge("qrpush_login_admit_share", "Share of new login sessions this node admits: below 1 while"
                + " its event loops lag more than login.maxLoopLag", this::admitShare);
        metrics.counter("qrpush_login_admission_refused", "New login sessions refused (503) because this node"
                + " was behind", this, LoginAdmission::refused);
    }

    LoginAdmission(Duration maxLag, DoubleSupplier random) {
        this.maxLagNanos = maxLag.toNanos();
        this.random = random;
    }

    /** The sustained lag of the window just ended; called by one thread, once a window. */
    public void observe(long sustainedLagNanos) {
        lagNanos = sustainedLagNanos;
        if (maxLagNanos <= 0) {
            return;
        }
        double share = admitShare;
        double next = sustainedLagNanos > maxLagNanos ? share * maxLagNanos / sustainedLagNanos
                : Math.min(1, share + INCREASE);
        admitShare = next;
        // Once per episode, not per window: an operator needs when it began and ended, not each step.
        if (share == 1 && next < 1) {
            refusedBefore = refused.sum();
            LOG.warn("event loops {} ms behind (login.maxLoopLag is {} ms): refusing part of the new login sessions"
                    + " with 503 until they catch up", sustainedLagNanos / 1_000_000, maxLagNanos / 1_000_000);
        } else if (share < 1 && next == 1) {
            LOG.info("event loops caught up: admitting every new login session again ({} refused meanwhile)",
                    refused.sum() - refusedBefore);
        }
    }

    /**
     * Decides one new piece of work: 0 to take it, else the whole seconds (at least 1) the caller
     * should be told to wait before retrying, for {@code Retry-After}.
     */
    public long refuseNew() {
        double share = admitShare;
        if (share >= 1 || random.getAsDouble() < share) {
            return 0;
        }
        refused.increment();
        long lagSeconds = (long) Math.ceil(lagNanos * (double) RETRY_SECONDS_PER_SECOND_OF_LAG / 1e9);
        return Math.max(1, Math.min(MAX_RETRY_SECONDS, lagSeconds));
    }

    public double lagSeconds() {
        return lagNanos / 1e9;
    }

    /** New work refused since the start. */
    public long refused() {
        return refused.sum();
    }

    /** The share of new work admitted now, 0 to 1. */
    public double admitShare() {
        return admitShare;
    }
}
