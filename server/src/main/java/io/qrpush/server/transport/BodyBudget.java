package io.qrpush.server.transport;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The node-wide budget of request body bytes held while they arrive ({@code limits.maxBodyBytesInFlight}).
 * A body's room is taken when its head is read, for its announced length, so the sum of all that
 * may arrive never exceeds the budget; a body that does not fit is refused at once rather than
 * waited for.
 */
final class BodyBudget {
    private final long capacity;
    private final AtomicLong used = new AtomicLong();

    BodyBudget(long capacity) {
        this.capacity = capacity;
    }

    /** Takes room for {@code bytes}; false, taking nothing, when they do not fit. */
    boolean tryTake(long bytes) {
        long now;
        do {
            now = used.get();
            if (now + bytes > capacity) {
                return false;
            }
        } while (!used.compareAndSet(now, now + bytes));
        return true;
    }

    void giveBack(long bytes) {
        used.addAndGet(-bytes);
    }

    long used() {
        return used.get();
    }
}
