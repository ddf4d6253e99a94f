package io.qrpush.server.cluster;

import io.lettuce.core.api.async.BaseRedisAsyncCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.qrpush.server.core.ChannelKey;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * Classic pub/sub on a standalone Redis or through Sentinel: one Redis channel per qrpush
 * channel, subscribed while the node has local subscribers of it. Lettuce subscribes them again
 * after a reconnect.
 */
final class ClassicPubSub implements PubSubLink {
    private final StatefulRedisPubSubConnection<String, String> pubsub;
    private final BaseRedisAsyncCommands<String, String> commands;
    private final AtomicInteger ownConfirmations = new AtomicInteger();
    private final List<Runnable> resubscribed = new CopyOnWriteArrayList<>();

    ClassicPubSub(StatefulRedisPubSubConnection<String, String> pubsub, BaseRedisAsyncCommands<String, String> commands) {
        this.pubsub = pubsub;
        this.commands = commands;
    }

    @Override
    public void start(BiConsumer<String, String> listener, String... ownChannels) {
        String first = ownChannels.length > 0 ? ownChannels[0] : null;
        pubsub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                listener.accept(channel, message);
            }

            /**
             * Lettuce subscribes every channel again, in one command, when the connection is back;
             * the node's own first channel, subscribed once at start, confirmed again tells of it.
             */
            @Override
            public void subscribed(String channel, long count) {
                if (channel.equals(first) && ownConfirmations.incrementAndGet() > 1) {
                    resubscribed.forEach(Runnable::run);
                }
            }
        });
        if (ownChannels.length > 0) {
            pubsub.sync().subscribe(ownChannels);
        }
    }

    @Override
    public CompletableFuture<Long> publish(String redisChannel, String message) {
        return RedisFutures.unavailableOnFailure(commands.publish(redisChannel, message));
    }

    @Override
    public CompletableFuture<Void> follow(ChannelKey channel) {
        return RedisFutures.unavailableOnFailure(pubsub.async().subscribe(ChannelLayout.PER_CHANNEL.pubsubChannel(channel)));
    }

    @Override
    public CompletableFuture<Void> unfollow(ChannelKey channel) {
        return RedisFutures.unavailableOnFailure(pubsub.async().unsubscribe(ChannelLayout.PER_CHANNEL.pubsubChannel(channel)));
    }

    @Override
    public void whenResubscribed(Runnable then) {
        resubscribed.add(then);
    }

    @Override
    public boolean isOpen() {
        return pubsub.isOpen();
    }

    @Override
    public void close() {
        pubsub.close();
    }
}
