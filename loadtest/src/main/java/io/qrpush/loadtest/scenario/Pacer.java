package io.qrpush.loadtest.scenario;

import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.TimeUnit;

/**
 * An open-loop schedule on one event loop: event {@code k} is due at {@code first + k * period},
 * whatever happened to the events before it. When the loop falls behind, the late events fire at
 * once, still carrying their intended time, so a stalled server shows up as latency instead of
 * quietly lowering the offered rate (coordinated omission).
 */
public final class Pacer implements Runnable {
    /** Fires event {@code k}, intended at {@code dueNanos} ({@link System#nanoTime()} scale). */
    public interface Fire {
        void fire(int k, long dueNanos);
    }

    private final EventExecutor loop;
    private final long first;
    private final double periodNanos;
    private final long end;
    private final Fire fire;
    private volatile boolean stopped;
    private volatile boolean finished;
    private volatile int k;

    private Pacer(EventExecutor loop, long first, double periodNanos, long end, Fire fire) {
        this.loop = loop;
        this.first = first;
        this.periodNanos = periodNanos;
        this.end = end;
        this.fire = fire;
    }

    /** Starts a schedule of {@code ratePerSecond} events from {@code firstNanos} until {@code endNanos}. */
    public static Pacer start(EventExecutor loop, long firstNanos, double ratePerSecond, long endNanos, Fire fire) {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("rate must be positive");
        }
        Pacer p = new Pacer(loop, firstNanos, 1e9 / ratePerSecond, endNanos, fire);
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
        return end <= first ? 0 : (long) Math.ceil((end - first) / periodNanos);
    }

    @Override
    public void run() {
        long now = System.nanoTime();
        while (!stopped) {
            long due = first + (long) (k * periodNanos);
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
