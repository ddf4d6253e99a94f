package io.qrpush.server.cluster;

import io.lettuce.core.KeyValue;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.SetArgs;
import io.qrpush.server.admin.NodeDirectory;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link NodeDirectory} on Redis: each node's status under a key that expires after
 * {@link NodeDirectory#STALE_AFTER}, and a sorted set of node ids by last beat that each beat
 * trims, so neither grows with nodes long gone. The keys share one hash tag so a listing is one
 * {@code MGET} on Redis Cluster too.
 */
public final class RedisNodeDirectory implements NodeDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(RedisNodeDirectory.class);
    private static final String NODES = "qrpush:{admin}:nodes";
    private static final String STATUS = "qrpush:{admin}:node:";

    private final RedisConnector redis;
    private final LongSupplier clock;

    /** @param clock wall-clock milliseconds, shared by the nodes (their clocks are assumed close) */
    public RedisNodeDirectory(RedisConnector redis, LongSupplier clock) {
        this.redis = redis;
        this.clock = clock;
    }

    @Override
    public void beat(String nodeId, String statusJson) {
        long now = clock.getAsLong();
        long stale = STALE_AFTER.toMillis();
        var c = redis.commands();
        CompletableFuture.allOf(
                c.set(STATUS + nodeId, statusJson, SetArgs.Builder.px(stale)).toCompletableFuture(),
                c.zadd(NODES, now, nodeId).toCompletableFuture(),
                c.zremrangebyscore(NODES, Range.create(Double.NEGATIVE_INFINITY, (double) (now - stale)))
                        .toCompletableFuture())
                .exceptionally(err -> {
                    LOG.debug("admin node heartbeat failed; the next one tries again", err);
                    return null;
                });
    }

    @Override
    public CompletableFuture<List<String>> statuses() {
        long since = clock.getAsLong() - STALE_AFTER.toMillis();
        var c = redis.commands();
        Range<Double> live = Range.create((double) since, Double.POSITIVE_INFINITY);
        return RedisFutures.unavailableOnFailure(c.zrangebyscore(NODES, live, Limit.create(0, MAX_NODES)))
                .thenCompose(ids -> {
                    if (ids.isEmpty()) {
                        return CompletableFuture.completedFuture(List.<String>of());
                    }
                    String[] keys = ids.stream().map(id -> STATUS + id).toArray(String[]::new);
                    return RedisFutures.unavailableOnFailure(c.mget(keys)).thenApply(RedisNodeDirectory::present);
                });
    }

    /** The values of keys that still exist: a status may expire between the two commands. */
    private static List<String> present(List<KeyValue<String, String>> values) {
        return values.stream().filter(KeyValue::hasValue).map(KeyValue::getValue).toList();
    }
}
