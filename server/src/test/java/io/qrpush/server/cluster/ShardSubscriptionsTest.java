package io.qrpush.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A slot move that Redis reports ({@code sunsubscribed}) racing the channel's last subscriber
 * leaving ({@code drop}): the channel must not stay subscribed on Redis for nobody. Lettuce's
 * connection is a fake made with {@link Proxy} that keeps the set of channels Redis holds.
 */
class ShardSubscriptionsTest {
    private static final String CHANNEL = "qrpush:{news}:1";

    /** Channels subscribed on the fake Redis. */
    private final Set<String> onRedis = ConcurrentHashMap.newKeySet();
    private final ShardSubscriptions subs = new ShardSubscriptions(fakeConnection());

    @Test
    void aChannelDroppedWhileRedisMovesItIsNotLeftSubscribed() throws Exception {
        subs.want(CHANNEL).get(5, TimeUnit.SECONDS);
        subs.ssubscribed(node("A"), CHANNEL, 1);
        onRedis.remove(CHANNEL);
        // Redis dropped it from A (the slot moved); the last subscriber leaves as that is handled.
        AtomicBoolean raced = new AtomicBoolean();
        CompletableFuture<Void> dropped = new CompletableFuture<>();
        RedisClusterNode a = new RedisClusterNode() {
            @Override
            public String getNodeId() {
                if (raced.compareAndSet(false, true)) {
                    Thread leaving = new Thread(() -> {
                        subs.drop(CHANNEL);
                        dropped.complete(null);
                    });
                    leaving.start();
                    try {
                        // Without the lock the drop is done at once; with it, it waits for this callback.
                        dropped.get(200, TimeUnit.MILLISECONDS);
                    } catch (TimeoutException e) {
                        // Held back by the lock, as it should be.
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
                return "A";
            }
        };
        subs.sunsubscribed(a, CHANNEL, 0);
        dropped.get(5, TimeUnit.SECONDS);
        // Whatever SSUBSCRIBE was sent is confirmed by B, the slot's new owner.
        if (onRedis.contains(CHANNEL)) {
            subs.ssubscribed(node("B"), CHANNEL, 1);
        }
        assertThat(onRedis).as("channels subscribed on Redis for nobody").isEmpty();
    }

    private static RedisClusterNode node(String id) {
        RedisClusterNode n = new RedisClusterNode();
        n.setNodeId(id);
        return n;
    }

    /** SSUBSCRIBE adds the channel; SUNSUBSCRIBE on any node's connection removes it. */
    @SuppressWarnings("unchecked")
    private StatefulRedisClusterPubSubConnection<String, String> fakeConnection() {
        Object nodeCommands = fake(io.lettuce.core.pubsub.api.async.RedisPubSubAsyncCommands.class, (m, args) -> {
            if (m.getName().equals("sunsubscribe")) {
                for (String c : (String[]) args[0]) {
                    onRedis.remove(c);
                }
                return done();
            }
            throw new UnsupportedOperationException(m.getName());
        });
        Object nodeConnection = fake(io.lettuce.core.pubsub.StatefulRedisPubSubConnection.class, (m, args) -> {
            if (m.getName().equals("async")) {
                return nodeCommands;
            }
            throw new UnsupportedOperationException(m.getName());
        });
        Object commands = fake(io.lettuce.core.cluster.pubsub.api.async.RedisClusterPubSubAsyncCommands.class,
                (m, args) -> {
                    if (m.getName().equals("ssubscribe")) {
                        for (String c : (String[]) args[0]) {
                            onRedis.add(c);
                        }
                        return done();
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
        return fake(StatefulRedisClusterPubSubConnection.class, (m, args) -> switch (m.getName()) {
            case "async" -> commands;
            case "getConnectionAsync" -> CompletableFuture.completedFuture(nodeConnection);
            default -> throw new UnsupportedOperationException(m.getName());
        });
    }

    /** A completed {@link RedisFuture}: its future methods answered by a completed {@link CompletableFuture}. */
    private static RedisFuture<Void> done() {
        CompletableFuture<Void> f = CompletableFuture.completedFuture(null);
        return fake(RedisFuture.class, (m, args) -> CompletableFuture.class.getMethod(m.getName(), m.getParameterTypes())
                .invoke(f, args));
    }

    @FunctionalInterface
    private interface Answer {
        Object answer(Method m, Object[] args) throws Exception;
    }

    @SuppressWarnings("unchecked")
    private static <T> T fake(Class<?> type, Answer answer) {
        return (T) Proxy.newProxyInstance(ShardSubscriptionsTest.class.getClassLoader(), new Class<?>[] {type},
                (proxy, m, args) -> answer.answer(m, args == null ? new Object[0] : args));
    }
}
