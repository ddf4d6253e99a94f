package io.qrpush.server.cluster;

import io.lettuce.core.api.async.BaseRedisAsyncCommands;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
import io.netty.util.concurrent.EventExecutorGroup;
import io.qrpush.server.core.ChannelKey;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * Sharded pub/sub on a Redis Cluster: publications go out with {@code SPUBLISH} on their
 * channel's partition ({@link Partitions}), so only the master owning that slot (and its
 * replicas) carries them, instead of every node of the cluster as with {@code PUBLISH}. The node
 * subscribes to a partition while it follows at least one of its channels.
 */
final class ShardedPubSub implements PubSubLink {
    private final StatefulRedisClusterPubSubConnection<String, String> pubsub;
    private final BaseRedisAsyncCommands<String, String> commands;
    private final Partitions partitions;
    private final EventExecutorGroup timer;
    private final ShardSubscriptions subscriptions;
    /** Per partition, how many channels of it this node follows; guarded by itself. */
    private final int[] followed;

    ShardedPubSub(StatefulRedisClusterPubSubConnection<String, String> pubsub,
                  BaseRedisAsyncCommands<String, String> commands, Partitions partitions, EventExecutorGroup timer) {
        this.pubsub = pubsub;
        this.commands = commands;
        this.partitions = partitions;
        this.timer = timer;
        this.subscriptions = new ShardSubscriptions(pubsub);
        this.followed = new int[partitions.count()];
    }

    @Override
    public void start(BiConsumer<String, String> listener, String... ownChannels) {
        subscriptions.start(listener, timer);
        CompletableFuture<?>[] own = new CompletableFuture<?>[ownChannels.length];
        for (int i = 0; i < ownChannels.length; i++) {
            own[i] = subscriptions.want(ownChannels[i]);
        }
        CompletableFuture.allOf(own).join();
    }

    @Override
    public CompletableFuture<Long> publish(String redisChannel, String message) {
        return RedisFutures.unavailableOnFailure(commands.spublish(redisChannel, message));
    }

    @Override
    public CompletableFuture<Void> follow(ChannelKey channel) {
        int p = partitions.of(channel);
        synchronized (followed) {
            followed[p]++;
            return subscriptions.want(partitions.shardChannel(p));
        }
    }

    @Override
    public CompletableFuture<Void> unfollow(ChannelKey channel) {
        int p = partitions.of(channel);
        synchronized (followed) {
            if (--followed[p] == 0) {
                subscriptions.drop(partitions.shardChannel(p));
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void whenResubscribed(Runnable then) {
        subscriptions.whenResubscribed(then);
    }

    /** Open, and every partition and own channel held by the master of its slot. */
    @Override
    public boolean isOpen() {
        return pubsub.isOpen() && subscriptions.allHeld();
    }

    @Override
    public void close() {
        subscriptions.close();
        pubsub.close();
    }
}
