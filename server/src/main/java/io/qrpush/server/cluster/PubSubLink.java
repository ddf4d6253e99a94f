package io.qrpush.server.cluster;

import io.qrpush.server.core.ChannelKey;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * The pub/sub side of a node's Redis, as {@link RedisBroker} uses it: classic channels on a
 * standalone Redis or Sentinel ({@link ClassicPubSub}), shard channels on a Redis Cluster
 * ({@link ShardedPubSub}). Either way the broker sees (Redis channel, message) pairs.
 */
interface PubSubLink {

    /**
     * Hands every message to {@code listener} from now on and subscribes the node's own
     * channels; returns once Redis confirmed them.
     */
    void start(BiConsumer<String, String> listener, String... ownChannels);

    /** Publishes; completes with how many subscribers Redis handed the message to. */
    CompletableFuture<Long> publish(String redisChannel, String message);

    /** The node gained its first local subscriber of the channel. */
    CompletableFuture<Void> follow(ChannelKey channel);

    /** The node lost its last local subscriber of the channel. */
    CompletableFuture<Void> unfollow(ChannelKey channel);

    /**
     * Runs {@code then} whenever a subscription is confirmed again after it was lost (the
     * connection came back, or a partition moved to another master): what Redis published to it
     * meanwhile never arrived. Called on Lettuce's thread; must be quick.
     */
    void whenResubscribed(Runnable then);

    /** Whether messages can flow now. */
    boolean isOpen();

    void close();
}
