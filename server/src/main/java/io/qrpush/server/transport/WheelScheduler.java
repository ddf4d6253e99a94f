package io.qrpush.server.transport;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.qrpush.server.core.Scheduler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * {@link Scheduler} on Netty's hashed-wheel timer: one thread and a few bytes per task, however
 * many tasks wait, at the cost of firing up to one tick ({@value #TICK_MILLIS} ms) late.
 */
public final class WheelScheduler implements Scheduler {
    static final int TICK_MILLIS = 20;

    private final HashedWheelTimer wheel;

    /** @param threadName the timer thread's name, for thread dumps */
    public WheelScheduler(String threadName) {
        this.wheel = new HashedWheelTimer(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        }, TICK_MILLIS, TimeUnit.MILLISECONDS, 512);
    }

    @Override
    public Task schedule(Runnable task, Duration delay) {
        Timeout t = wheel.newTimeout(self -> task.run(), delay.toMillis(), TimeUnit.MILLISECONDS);
        return t::cancel;
    }

    @Override
    public long pending() {
        return wheel.pendingTimeouts();
    }

    @Override
    public void close() {
        wheel.stop();
    }
}
