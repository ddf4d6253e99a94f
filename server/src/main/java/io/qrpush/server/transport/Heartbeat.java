package io.qrpush.server.transport;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * One connection's keep-alive, whatever carries it (a WebSocket's {@link KeepAliveHandler}, an HTTP
 * stream's {@link StreamTransport}): every {@code interval} it pings, unless the peer sent nothing
 * for {@code idleTimeout}, when it reports the connection idle once and stops. The first tick falls
 * at a random offset within the interval, so ten thousand connections do not all ping in the same
 * instant. Used on the connection's event loop only: started, told of activity and stopped there.
 */
final class Heartbeat {
    private final long intervalNanos;
    private final long idleNanos;
    private final Runnable ping;
    private final Runnable idle;
    private final LongSupplier nanoClock;
    private long lastActivityNanos;
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
        this.lastActivityNanos = nanoClock.getAsLong();
    }

    Heartbeat(long intervalNanos, long idleNanos, Runnable ping, Runnable idle) {
        this(intervalNanos, idleNanos, ping, idle, System::nanoTime);
    }

    /** Starts ticking on the connection's event loop; the idle time counts from now. */
    void start(ScheduledExecutorService loop) {
        lastActivityNanos = nanoClock.getAsLong();
        long offset = ThreadLocalRandom.current().nextLong(intervalNanos);
        ticker = loop.scheduleAtFixedRate(this::tick, offset, intervalNanos, TimeUnit.NANOSECONDS);
    }

    /** The peer sent something. */
    void activity() {
        lastActivityNanos = nanoClock.getAsLong();
    }

    /** No more ticks; safe before {@link #start} and more than once. */
    void stop() {
        if (ticker != null) {
            ticker.cancel(false);
        }
    }

    private void tick() {
        if (nanoClock.getAsLong() - lastActivityNanos > idleNanos) {
            stop();
            idle.run();
        } else {
            ping.run();
        }
    }
}
