package io.qrpush.server.login;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The live (waiting or scanned) login sessions each app holds on this node, for
 * {@code login.maxLiveSessions}: without a cap, addresses enough each within their creation
 * budget could fill the heap with sessions nobody scans.
 *
 * <p>A session counts from its creation here until this node sees it end, or until the latest it
 * could still be live ({@code loginTtl + confirmTtl}), whichever comes first. On one node every
 * end is seen; in a cluster a session scanned or confirmed on another node counts here until its
 * deadline, so the count is an upper bound there: sized for memory, the cap is far above what a
 * cluster's legitimate traffic holds (100 logins a second hold at most 18,000 for three minutes).
 */
final class LiveSessions {
    private record Entry(String appkey, long liveUntil) {
    }

    private static final long SWEEP_EVERY_MILLIS = 1000;

    private final AtomicLong lastSweep = new AtomicLong(Long.MIN_VALUE / 2);
    private final ConcurrentHashMap<String, Entry> byKey = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicInteger> perApp = new ConcurrentHashMap<>();
    private final int max;
    private final long maxLiveMillis;
    private final LongSupplier clock;

    /**
     * @param max           live sessions one app may hold here
     * @param maxLiveMillis the longest a session can stay live
     * @param clock         milliseconds, the clock sessions are timed by
     */
    LiveSessions(int max, long maxLiveMillis, LongSupplier clock) {
        this.max = max;
        this.maxLiveMillis = maxLiveMillis;
        this.clock = clock;
    }

    /**
     * Whether the app may open another session here now. At the cap, sessions past their deadline
     * are counted off first, at most once a second: a sweep walks every entry, and a flood at the
     * cap must not walk them once per request.
     */
    boolean admits(String appkey) {
        if (count(appkey) < max) {
            return true;
        }
        long now = clock.getAsLong();
        long last = lastSweep.get();
        if (now - last >= SWEEP_EVERY_MILLIS && lastSweep.compareAndSet(last, now)) {
            sweep(now);
        }
        return count(appkey) < max;
    }

    void opened(LoginSession s) {
        Entry e = new Entry(s.appkey(), clock.getAsLong() + maxLiveMillis);
        if (byKey.putIfAbsent(s.key(), e) == null) {
            perApp.computeIfAbsent(s.appkey(), k -> new AtomicInteger()).incrementAndGet();
        }
    }

    /** The session ended (or was freed); a key not counted, or counted off already, is ignored. */
    void ended(String key) {
        Entry e = byKey.remove(key);
        if (e != null) {
            perApp.get(e.appkey()).decrementAndGet();
        }
    }

    /** Counts off the sessions past the latest they could be live. */
    private void sweep(long now) {
        byKey.forEach((key, e) -> {
            if (now >= e.liveUntil() && byKey.remove(key, e)) {
                perApp.get(e.appkey()).decrementAndGet();
            }
        });
    }

    int count(String appkey) {
        AtomicInteger n = perApp.get(appkey);
        return n == null ? 0 : n.get();
    }
}
