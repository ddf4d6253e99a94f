package io.qrpush.server.core;

import java.time.Duration;

/**
 * Runs short tasks after a delay without a thread per task: what features use for their clocks
 * (login lifetimes, grace periods). The server wiring backs it with Netty's hashed-wheel timer,
 * so that no feature needs Netty; tests may back it with anything.
 */
public interface Scheduler extends AutoCloseable {

    /** A task that may still be cancelled. */
    interface Task {
        /** Stops the task if it has not run yet; no effect after it ran. */
        void cancel();
    }

    /**
     * Runs the task once after the delay, on the scheduler's thread; the task must be short.
     *
     * @throws IllegalStateException once the scheduler is closed
     */
    Task schedule(Runnable task, Duration delay);

    /** Tasks waiting to run (a cancelled one may count until its time passes). */
    long pending();

    /** Drops every waiting task and refuses new ones. */
    @Override
    void close();
}
