package io.qrpush.server.cluster;

import io.lettuce.core.SetArgs;
import io.qrpush.server.core.ChannelKey;
import io.qrpush.server.webhook.OccupancyMarks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Occupancy marks in Redis, tied to node liveness as presence is. A channel's mark is a
 * {@code SET NX} key, {@code qrpush:wh:occ:<appkey>:<channel>}; each node's share, the channels
 * it holds subscribers of, is a set, {@code qrpush:wh:occn:<node>}. Every node calls
 * {@link #upkeep()} once per {@code pingInterval}: it is alive for two intervals
 * ({@code qrpush:wh:nodes}, {@link NodeLiveness}), then it claims the nodes whose time ran out
 * and takes their shares, whose channels it checks for {@code vacated}. So a SIGKILLed node's
 * marks are handed on within three intervals.
 */
final class RedisOccupancyMarks implements OccupancyMarks {
    private static final String NODES = "qrpush:wh:nodes";
    /** Dead nodes one upkeep claims at most; the rest wait for the next. */
    private static final int CLAIM_PER_UPKEEP = 16;

    private final RedisConnector redis;
    private final String nodeId;
    private final NodeLiveness liveness;

    RedisOccupancyMarks(RedisConnector redis, String nodeId, Duration pingInterval) {
        this.redis = redis;
        this.nodeId = nodeId;
        this.liveness = new NodeLiveness(redis, NODES, nodeId, 2 * pingInterval.toMillis());
    }

    private static String markKey(ChannelKey channel) {
        return "qrpush:wh:occ:" + channel.appkey() + ":" + channel.channel();
    }

    private static String shareKey(String node) {
        return "qrpush:wh:occn:" + node;
    }

    /** Appkeys hold no ':', so the first one splits the member again. */
    private static String member(ChannelKey c) {
        return c.appkey() + ":" + c.channel();
    }

    @Override
    public CompletableFuture<Boolean> mark(ChannelKey channel) {
        // The share first, on the same connection, so Redis applies it before the mark. Not waited
        // for: a Redis that refused it refuses the mark right after, which the caller hears of.
        redis.commands().sadd(shareKey(nodeId), member(channel));
        return RedisFutures.unavailableOnFailure(redis.commands().set(markKey(channel), "1", SetArgs.Builder.nx()))
                .thenApply("OK"::equals);
    }

    @Override
    public void release(ChannelKey channel) {
        // Not waited for: a channel left in the share only makes a survivor check an empty channel.
        redis.commands().srem(shareKey(nodeId), member(channel));
    }

    @Override
    public CompletableFuture<Boolean> unmark(ChannelKey channel) {
        return RedisFutures.unavailableOnFailure(redis.commands().del(markKey(channel))).thenApply(n -> n > 0);
    }

    @Override
    public CompletableFuture<Upkeep> upkeep() {
        return liveness.beat().thenCompose(relisted -> liveness.claimDead(CLAIM_PER_UPKEEP).thenCompose(dead -> {
            List<CompletableFuture<List<ChannelKey>>> shares = new ArrayList<>();
            for (String node : dead) {
                shares.add(takeShare(node));
            }
            return CompletableFuture.allOf(shares.toArray(CompletableFuture[]::new)).thenApply(v -> {
                List<ChannelKey> orphaned = new ArrayList<>();
                shares.forEach(s -> orphaned.addAll(s.join()));
                return new Upkeep(relisted, orphaned);
            });
        }));
    }

    /** A dead node's share, read and deleted: its channels are this node's to check now. */
    private CompletableFuture<List<ChannelKey>> takeShare(String node) {
        return RedisFutures.unavailableOnFailure(redis.commands().smembers(shareKey(node)))
                .thenCompose(members -> RedisFutures.unavailableOnFailure(redis.commands().del(shareKey(node)))
                        .thenApply(n -> members.stream().map(m -> {
                            int colon = m.indexOf(':');
                            return new ChannelKey(m.substring(0, colon), m.substring(colon + 1));
                        }).toList()));
    }
}
