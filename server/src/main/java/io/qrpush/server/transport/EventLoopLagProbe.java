package io.qrpush.server.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * How far behind the event loops are: each loop runs a small task every {@link #PROBE_MILLIS}
 * and notes how late it ran. Every window the <em>least</em> lateness a loop showed is its
 * sustained lag, and the worst loop's sustained lag goes to the listener. Taking the least
 * lateness is what tells a loop that stays behind from one garbage-collection pause: after a
 * pause the next probes run on time again, while a loop with a backlog makes every probe wait.
 *
 * <p>The probe cannot itself be a stall, nor invent one: each loop runs one task of a few
 * nanoseconds every {@value #PROBE_MILLIS} ms (a hundred a second, each allocating only the
 * loop's own scheduled-task entry: the lane is the task), and the window ends on another thread.
 * Its own scheduling jitter is the loop's timer precision (epoll's timerfd; NIO's select rounds
 * up to a millisecond), far below the lags it reports, and the least lateness of a window
 * ignores any one late run. A lag it reports is the loop's: every probe of a window waited behind
 * other work, or a pause (GC, a safepoint) longer than the window. loadtest/bench/run.sh records
 * safepoints beside it (docs/benchmarks.md) to tell those apart.
 */
public final class EventLoopLagProbe implements AutoCloseable {
    private static final long PROBE_MILLIS = 10;
    /**
     * The window the server uses: long enough that probes after a typical young pause (tens of
     * milliseconds) still run in it, short enough to react within a second.
     */
    public static final long WINDOW_MILLIS = 250;

    private final List<Lane> lanes = new ArrayList<>();
    private final LongConsumer listener;
    private final ScheduledFuture<?> windows;
    private volatile boolean closed;

    /**
     * One loop's probe, and the probe task itself: the least lateness seen this window and when
     * its pending run is due.
     */
    private final class Lane implements Runnable {
        final EventExecutor loop;
        final AtomicLong leastLateness = new AtomicLong(Long.MAX_VALUE);
        volatile long pendingDue;

        Lane(EventExecutor loop) {
            this.loop = loop;
        }

        void schedule() {
            if (closed || loop.isShuttingDown()) {
                return;
            }
            pendingDue = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PROBE_MILLIS);
            loop.schedule(this, PROBE_MILLIS, TimeUnit.MILLISECONDS);
        }

        @Override
        public void run() {
            leastLateness.accumulateAndGet(Math.max(0, System.nanoTime() - pendingDue), Math::min);
            schedule();
        }

        /** This window's sustained lag, and a fresh window; a probe still waiting counts as late as it is now. */
        long takeWindow(long now) {
            long least = leastLateness.getAndSet(Long.MAX_VALUE);
            return least != Long.MAX_VALUE ? least : Math.max(0, now - pendingDue);
        }
    }

    /**
     * Starts probing every loop of {@code loops}; {@code evaluator} calls the listener with the
     * sustained lag in nanoseconds once per {@code window}.
     */
    public EventLoopLagProbe(EventLoopGroup loops, ScheduledExecutorService evaluator, long windowMillis,
                             LongConsumer listener) {
        this.listener = listener;
        for (EventExecutor loop : loops) {
            Lane lane = new Lane(loop);
            lanes.add(lane);
            lane.schedule();
        }
        windows = evaluator.scheduleWithFixedDelay(this::endWindow, windowMillis, windowMillis, TimeUnit.MILLISECONDS);
    }

    private void endWindow() {
        long now = System.nanoTime();
        long worst = 0;
        for (Lane lane : lanes) {
            worst = Math.max(worst, lane.takeWindow(now));
        }
        listener.accept(worst);
    }

    @Override
    public void close() {
        closed = true;
        windows.cancel(false);
    }
}
