package io.qrpush.sdk;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * App-level liveness. A connection whose peer vanished (a phone leaving Wi-Fi, a NAT timeout) can
 * look open for many minutes; every {@code interval} we send a ping, and if no frame at all
 * arrives within {@code timeout} after it the connection is declared dead. Any frame counts, not
 * only the pong: a pong queued behind a burst of messages must not get a busy connection killed.
 * Runs on, and must be called from, the client's event thread.
 */
final class Heartbeat {
    private final ScheduledExecutorService loop;
    private final long intervalMillis;
    private final long timeoutMillis;
    private final Runnable ping;
    private final Runnable dead;
    private ScheduledFuture<?> every;
    private ScheduledFuture<?> deadline;

    Heartbeat(ScheduledExecutorService loop, Duration interval, Duration timeout, Runnable ping, Runnable dead) {
        this.loop = loop;
        this.intervalMillis = interval.toMillis();
        this.timeoutMillis = timeout.toMillis();
        this.ping = ping;
        this.dead = dead;
    }

    void start() {
        stop();
        if (intervalMillis <= 0) {
            return;
        }
        every = loop.scheduleAtFixedRate(() -> {
            ping.run();
            if (deadline == null) {
                deadline = loop.schedule(this::expired, timeoutMillis, TimeUnit.MILLISECONDS);
            }
        }, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    private void expired() {
        deadline = null;
        stop();
        dead.run();
    }

    /** Called for every frame received. */
    void alive() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    void stop() {
        if (every != null) {
            every.cancel(false);
            every = null;
        }
        alive();
    }
}
