package io.qrpush.loadtest.avalanche;

import io.qrpush.loadtest.jitter.SubscriberWatch;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * When each subscriber of an avalanche run was told to go and when it was subscribed again: the
 * first close after the drained node was stopped and the first return after that close, as
 * {@link System#nanoTime()} stamps (0 when it has not happened).
 */
final class ReturnClock implements SubscriberWatch {
    private final AtomicLongArray closedAt;
    private final AtomicLongArray backAt;
    private volatile long stopNanos;

    ReturnClock(int subscribers) {
        closedAt = new AtomicLongArray(subscribers);
        backAt = new AtomicLongArray(subscribers);
    }

    /** The drained node is being stopped now: closes from here on are the drain's. */
    void stopped(long nanos) {
        stopNanos = nanos;
    }

    boolean hasStopped() {
        return stopNanos != 0;
    }

    @Override
    public void closed(int subscriber, long nanos) {
        if (stopNanos != 0) {
            closedAt.compareAndSet(subscriber, 0, nanos);
        }
    }

    @Override
    public void resubscribed(int subscriber, long nanos) {
        if (closedAt.get(subscriber) != 0) {
            backAt.compareAndSet(subscriber, 0, nanos);
        }
    }

    /** Subscribers not subscribed again since the drain told them to go. */
    long away() {
        long n = 0;
        for (int i = 0; i < backAt.length(); i++) {
            if (backAt.get(i) == 0) {
                n++;
            }
        }
        return n;
    }

    /** The figures so far, in milliseconds from the stop. */
    AvalancheSummary summary() {
        return AvalancheSummary.of(toMillis(closedAt), toMillis(backAt));
    }

    private long[] toMillis(AtomicLongArray stamps) {
        long[] out = new long[stamps.length()];
        for (int i = 0; i < out.length; i++) {
            long t = stamps.get(i);
            out[i] = t == 0 ? -1 : Math.max(0, (t - stopNanos) / 1_000_000);
        }
        return out;
    }
}
