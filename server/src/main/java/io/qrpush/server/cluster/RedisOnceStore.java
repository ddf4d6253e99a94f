package io.qrpush.server.cluster;

import io.lettuce.core.SetArgs;
import io.qrpush.server.core.OnceStore;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * {@link OnceStore} on Redis: {@code SET key 1 NX PX ttl} answers OK to exactly one caller across
 * all nodes, and Redis frees the key when the ttl ends.
 */
public final class RedisOnceStore implements OnceStore {
    private final RedisConnector redis;
    private final String prefix;

    /** @param prefix keeps the uses apart: {@code qrpush:guid:}, {@code qrpush:jti:}, ... */
    public RedisOnceStore(RedisConnector redis, String prefix) {
        this.redis = redis;
        this.prefix = prefix;
    }

    @Override
    public CompletableFuture<Boolean> firstUse(String key, Duration ttl) {
        return RedisFutures.unavailableOnFailure(redis.commands()
                .set(prefix + key, "1", SetArgs.Builder.nx().px(Math.max(1, ttl.toMillis())))
                .thenApply("OK"::equals));
    }

    @Override
    public CompletableFuture<Void> forget(String key) {
        return RedisFutures.unavailableOnFailure(redis.commands().del(prefix + key)).thenApply(deleted -> null);
    }
}
