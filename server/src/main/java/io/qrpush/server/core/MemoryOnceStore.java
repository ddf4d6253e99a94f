package io.qrpush.server.core;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** {@link OnceStore} for a single node. */
public final class MemoryOnceStore implements OnceStore {
    private final ExpiringMap<Boolean> seen;

    public MemoryOnceStore(ExpiringMap<Boolean> seen) {
        this.seen = seen;
    }

    @Override
    public CompletableFuture<Boolean> firstUse(String key, Duration ttl) {
        return CompletableFuture.completedFuture(seen.putIfAbsent(key, Boolean.TRUE, ttl.toMillis()));
    }

    @Override
    public CompletableFuture<Void> forget(String key) {
        seen.remove(key);
        return CompletableFuture.completedFuture(null);
    }
}
