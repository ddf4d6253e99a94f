package io.qrpush.server.login;

import java.util.concurrent.CompletableFuture;

/**
 * Where login sessions live, by key, with each user's recent scans. Every change is one atomic
 * compare-and-set on the session's {@code version}, so that the memory store can do it with
 * {@code ConcurrentHashMap.compute} and a shared store (Redis) with one script or transaction per
 * call: whichever node's write lands first wins, and the loser re-reads and sees the winner.
 * Calls never block; their futures may complete on any thread and fail with
 * {@code BrokerUnavailableException} when a shared store cannot be reached.
 */
public interface LoginStore extends AutoCloseable {

    /** Stores a new session. Keys have 128 random bits, so a clash is treated as a bug. */
    CompletableFuture<Void> create(LoginSession session);

    /** The session, or null when the key is unknown or already freed. */
    CompletableFuture<LoginSession> find(String key);

    /**
     * Replaces the stored session with {@code next} if its version is still
     * {@code expected.version()}; true when this call replaced it.
     */
    CompletableFuture<Boolean> compareAndSet(LoginSession expected, LoginSession next);

    /** Forgets the session if its version is still {@code expected.version()}; true when it did. */
    CompletableFuture<Boolean> remove(LoginSession expected);

    /**
     * Counts a scan by the user on the app at {@code now} unless they already made
     * {@code perMinute} in the last minute ({@link ScanWindow}); atomic per user across nodes.
     */
    CompletableFuture<ScanCount> countScan(String appkey, String userId, long now, int perMinute);

    /** Sessions held (live and final), for the gauge and tests; -1 when the store cannot tell cheaply. */
    long size();

    @Override
    default void close() {
    }
}
