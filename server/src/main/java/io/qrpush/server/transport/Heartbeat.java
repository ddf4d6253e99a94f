package io.qrpush.server.transport;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * One connection's keep-alive, whatever carries it (a WebSocket's {@link SessionAdapter}, an HTTP
 * stream's {@link StreamTransport}): every {@code interval} it pings, unless the peer sent nothing
 * for {@code idleTimeout}, when it reports the connection idle once and stops. The first ping falls
 * at a random offset within the interval, so ten thousand connections do not all ping in the same
 * instant. Used on the connection's event loop only: started, told of activity and stopped there.
 *
 * <p>Activity is a flag, not a clock read: a WebSocket tells it of every frame it reads, and a
 * {@code System.nanoTime()} each time was measurable. The flag is looked at every half interval
 * (every other look pings), and the time of the look that saw it stands for the time of the
 * activity: at most half an interval late, so the idle report still falls, as docs/protocol.md
 * says, between {@code idleTimeout} and {@code idleTimeout + interval} after the last activity.
 */
final class Heartbeat {
    private final long intervalNanos;
    private final long idleNanos;
    private final Runnable ping;
    private final Runnable idle;
    private final LongSupplier nanoClock;
    /** The peer sent something since the last look. */
    private boolean heard;
    /** When a look last found {@link #heard}, or the start. */
    private long lastHeardNanos;
    /** Every other look pings: this one does not. */
    private boolean skipPing;
    private ScheduledFuture<?> ticker;

    /**
     * @param ping what a tick does for a live peer
     * @param idle what is done, once, for a peer silent for {@code idleNanos}
     */
    Heartbeat(long intervalNanos, long idleNanos, Runnable ping, Runnable idle, LongSupplier nanoClock) {
        this.intervalNanos = intervalNanos;
        this.idleNanos = idleNanos;
        this.ping = ping;
        this.idle = idle;
        this.nanoClock = nanoClock;
        this.lastHeardNanos = nanoClock.getAsLong();
    }

    Heartbeat(long intervalNanos, long idleNanos, Runnable ping, Runnable idle) {
        this(intervalNanos, idleNanos, ping, idle, System::nanoTime);
    }

    /** Starts ticking on the connection's event loop; the idle time counts from now. */
    void start(ScheduledExecutorService loop) {
        lastHeardNanos = nanoClock.getAsLong();
        heard = false;
        long half = Math.max(1, intervalNanos / 2);
        // A random look of the first two pings: the first ping falls anywhere in [0, interval).
        ThreadLocalRandom random = ThreadLocalRandom.current();
        skipPing = random.nextBoolean();
        ticker = loop.scheduleAtFixedRate(this::look, random.nextLong(half), half, TimeUnit.NANOSECONDS);
    }

    /** The peer sent something; as cheap as a field write, for a call on every frame. */
    void activity() {
        heard = true;
    }

    /** No more ticks; safe before {@link #start} and more than once. */
    void stop() {
        if (ticker != null) {
            ticker.cancel(false);
        }
    }

    private void look() {
        long now = nanoClock.getAsLong();
        if (heard) {
            heard = false;
            lastHeardNanos = now;
        } else if (now - lastHeardNanos > idleNanos) {
            stop();
            idle.run();
            return;
        }
        if (skipPing) {
            skipPing = false;
        } else {
            skipPing = true;
            ping.run();
        }
    }
}
