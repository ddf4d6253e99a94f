package io.qrpush.server.core;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Remembers keys for a while and says whether a key is new: the guid dedupe window and the otp
 * jti replay cache. A cluster implementation must answer "new" to exactly one caller across all
 * nodes (SET NX with an expiry).
 */
public interface OnceStore {

    /** True for the first caller with this key within {@code ttl}, false for every later one. */
    CompletableFuture<Boolean> firstUse(String key, Duration ttl);

    /** Makes the key new again: its first use led nowhere (a publish the broker refused). */
    default CompletableFuture<Void> forget(String key) {
        return CompletableFuture.completedFuture(null);
    }

    /** Drops keys past their time; called every second. Stores whose keys expire by themselves do nothing. */
    default void expire() {
    }
}
