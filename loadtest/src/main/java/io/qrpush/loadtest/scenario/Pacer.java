package io.qrpush.loadtest.scenario;

import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.TimeUnit;

/**
 * An open-loop schedule on one event loop: event {@code k} is due at {@code first + k * period},
 * whatever happened to the events before it. When the loop falls behind, the late events fire at
 * once, still carrying their intended time, so a stalled server shows up as latency instead of
 * quietly lowering the offered rate (coordinated omission).
 *
 * <p>A schedule may ramp: its rate then grows linearly from zero to the full rate over the ramp,
 * so cold JVMs (the server's and ours) compile their hot paths under light load instead of
 * queueing a backlog that the measured window would still be draining.
 */
public final class Pacer implements Runnable {
    /** Fires event {@code k}, intended at {@code dueNanos} ({@link System#nanoTime()} scale). */
    public interface Fire {
        void fire(int k, long dueNanos);
    }

    private final EventExecutor loop;
    private final long first;
    private final double periodNanos;
    private final long rampNanos;
    private final long end;
    private final Fire fire;
    private volatile boolean stopped;
    private volatile boolean finished;
    private volatile int k;

    private Pacer(EventExecutor loop, long first, double periodNanos, long rampNanos, long end, Fire fire) {
        this.loop = loop;
        this.first = first;
        this.periodNanos = periodNanos;
        this.rampNanos = rampNanos;
        this.end = end;
        this.fire = fire;
    }

    /**
     * Starts a schedule of {@code ratePerSecond} events from {@code firstNanos} until {@code endNanos},
     * ramping up until {@code rampEndNanos} (no ramp when that is not after the first event).
     */
    public static Pacer start(EventExecutor loop, long firstNanos, double ratePerSecond, long rampEndNanos,
                              long endNanos, Fire fire) {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("rate must be positive");
        }
        Pacer p = new Pacer(loop, firstNanos, 1e9 / ratePerSecond, Math.max(0, rampEndNanos - firstNanos), endNanos,
                fire);
        loop.execute(p);
        return p;
    }

    /** Aborts the schedule. A schedule that runs to its end stops by itself, late events included. */
    public void stop() {
        stopped = true;
        finished = true;
    }

    /** Every event due before the end has fired (or the schedule was aborted). */
    public boolean finished() {
        return finished;
    }

    /** Events fired so far. */
    public int fired() {
        return k;
    }

    /** Events the schedule holds: those due before its end. */
    public long planned() {
        double span = end - first;
        if (span <= 0) {
            return 0;
        }
        if (span <= rampNanos) {
            return (long) Math.ceil(span * span / (2.0 * rampNanos * periodNanos));
        }
        return (long) Math.ceil((span - rampNanos / 2.0) / periodNanos);
    }

    /**
     * When event {@code k} is due, after the first. Over a ramp of length R the rate climbs as
     * r t / R, so k events have happened by t = sqrt(2 R k / r); after the ramp the full rate
     * runs, half a ramp behind a schedule that had started at full rate.
     */
    static long offsetNanos(long k, double periodNanos, long rampNanos) {
        if (rampNanos > 0 && k * periodNanos < rampNanos / 2.0) {
            return (long) Math.sqrt(2.0 * rampNanos * k * periodNanos);
        }
        return (long) (k * periodNanos + rampNanos / 2.0);
    }

    @Override
    public void run() {
        long now = System.nanoTime();
        while (!stopped) {
            long due = first + offsetNanos(k, periodNanos, rampNanos);
            if (due >= end) {
                finished = true;
                return;
            }
            if (due > now) {
                loop.schedule(this, due - now, TimeUnit.NANOSECONDS);
                return;
            }
            fire.fire(k++, due);
        }
    }
}
