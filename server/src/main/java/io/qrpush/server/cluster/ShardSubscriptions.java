package io.qrpush.server.cluster;

import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.pubsub.RedisClusterPubSubAdapter;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
import io.netty.util.concurrent.EventExecutorGroup;
import io.qrpush.server.core.BrokerUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a set of shard channels subscribed on whichever master owns their slots now. Lettuce
 * sends each {@code SSUBSCRIBE} to the owner of the channel's slot, and re-sends a connection's
 * subscriptions when that same connection comes back; it does not move them when the slot moves.
 * So this class remembers which master confirmed each subscription and subscribes again when:
 * <ul>
 *   <li>Redis drops it ({@code sunsubscribe} pushed to us: the slot moved to another master);</li>
 *   <li>the slot map, refreshed by Lettuce (periodically and on MOVED/ASK and reconnects), names
 *       another master (a failover, or a move we were not told of);</li>
 *   <li>an earlier attempt failed.</li>
 * </ul>
 * All of them are sent at once, pipelined, one {@code SSUBSCRIBE} per channel (Redis refuses one
 * spanning slots). A copy that still arrives from the previous master is dropped, so a move does
 * not deliver a message twice.
 */
final class ShardSubscriptions extends RedisClusterPubSubAdapter<String, String> {
    private static final Logger LOG = LoggerFactory.getLogger(ShardSubscriptions.class);
    /** How often the subscriptions are compared with the slot map. */
    static final Duration CHECK_EVERY = Duration.ofMillis(500);

    /** One wanted shard channel. */
    private static final class Wanted {
        final CompletableFuture<Void> ready = new CompletableFuture<>();
        /** The master that confirmed the subscription; null while none holds it. */
        volatile String nodeId;
        volatile boolean sending;
        /** A master confirmed it once: a later confirmation means it was lost meanwhile. */
        volatile boolean confirmed;
    }

    private final StatefulRedisClusterPubSubConnection<String, String> pubsub;
    private final Map<String, Wanted> wanted = new ConcurrentHashMap<>();
    private volatile BiConsumer<String, String> listener = (channel, message) -> { };
    private volatile ScheduledFuture<?> checks;
    private final List<Runnable> resubscribed = new CopyOnWriteArrayList<>();

    ShardSubscriptions(StatefulRedisClusterPubSubConnection<String, String> pubsub) {
        this.pubsub = pubsub;
    }

    /** Starts delivering to {@code to} and checking the subscriptions on {@code timer}. */
    void start(BiConsumer<String, String> to, EventExecutorGroup timer) {
        this.listener = to;
        pubsub.addListener(this);
        long every = CHECK_EVERY.toMillis();
        checks = timer.scheduleWithFixedDelay(this::check, every, every, TimeUnit.MILLISECONDS);
    }

    /** Subscribes the channel unless it already is; completes once a master confirmed it. */
    synchronized CompletableFuture<Void> want(String channel) {
        Wanted w = wanted.get(channel);
        if (w == null || w.ready.isCompletedExceptionally()) {
            w = new Wanted();
            wanted.put(channel, w);
            send(channel, w);
        }
        return w.ready;
    }

    /** Unsubscribes the channel. */
    synchronized void drop(String channel) {
        Wanted w = wanted.remove(channel);
        if (w != null && w.nodeId != null) {
            leave(w.nodeId, channel);
        }
    }

    /** Every wanted channel is held by a master that the slot map does not mark as failing. */
    boolean allHeld() {
        var nodes = pubsub.getPartitions();
        for (Wanted w : wanted.values()) {
            String holder = w.nodeId;
            RedisClusterNode node = holder == null ? null : nodes.getPartitionByNodeId(holder);
            if (node == null || node.is(RedisClusterNode.NodeFlag.FAIL)
                    || node.is(RedisClusterNode.NodeFlag.EVENTUAL_FAIL)) {
                return false;
            }
        }
        return true;
    }

    private void send(String channel, Wanted w) {
        w.sending = true;
        pubsub.async().ssubscribe(channel).whenComplete((ok, err) -> {
            w.sending = false;
            if (err == null) {
                w.ready.complete(null);
            } else {
                LOG.debug("SSUBSCRIBE {} failed; trying again within {} ms: {}", channel, CHECK_EVERY.toMillis(),
                        err.toString());
                w.ready.completeExceptionally(new BrokerUnavailableException("Redis: " + err.getMessage(), err));
            }
        });
    }

    /** Best effort: a master that died cannot be told, and one that took a replica's place refuses it. */
    private void leave(String nodeId, String channel) {
        try {
            pubsub.getConnectionAsync(nodeId).thenCompose(c -> c.async().sunsubscribe(channel))
                    .whenComplete((ok, err) -> { });
        } catch (RuntimeException e) {
            LOG.debug("could not SUNSUBSCRIBE {} from {}: {}", channel, nodeId, e.toString());
        }
    }

    /**
     * Subscribes again every channel whose slot another master owns now, or that no master holds.
     * Under the lock of {@link #want} and {@link #drop}, so a channel dropped meanwhile is not
     * subscribed again.
     */
    synchronized void check() {
        try {
            var slots = pubsub.getPartitions();
            for (Map.Entry<String, Wanted> e : wanted.entrySet()) {
                Wanted w = e.getValue();
                RedisClusterNode owner = slots.getMasterBySlot(SlotHash.getSlot(e.getKey()));
                if (w.sending || owner == null || owner.getNodeId().equals(w.nodeId)) {
                    continue;
                }
                String was = w.nodeId;
                if (was != null) {
                    LOG.info("shard channel {} moved from Redis node {} to {}: subscribing there", e.getKey(), was,
                            owner.getNodeId());
                    leave(was, e.getKey());
                    w.nodeId = null;
                }
                send(e.getKey(), w);
            }
        } catch (RuntimeException e) {
            LOG.warn("checking shard subscriptions failed; the next check tries again", e);
        }
    }

    /**
     * Redis confirmed a subscription. Under the lock of {@link #drop}: a channel dropped while its
     * {@code SSUBSCRIBE} was on the way had no holder to leave then, so it is left now.
     */
    @Override
    public synchronized void ssubscribed(RedisClusterNode node, String channel, long count) {
        Wanted w = wanted.get(channel);
        // Lettuce names the node when it knows the connection's address; else the slot's owner took it.
        RedisClusterNode holder = node != null ? node : pubsub.getPartitions().getMasterBySlot(SlotHash.getSlot(channel));
        if (holder == null) {
            return;
        }
        if (w == null) {
            leave(holder.getNodeId(), channel);
            return;
        }
        w.nodeId = holder.getNodeId();
        w.ready.complete(null);
        if (w.confirmed) {
            resubscribed.forEach(Runnable::run);
        }
        w.confirmed = true;
    }

    /** Runs {@code then} whenever a channel confirmed before is confirmed again. */
    void whenResubscribed(Runnable then) {
        resubscribed.add(then);
    }

    /**
     * Redis dropped a subscription (its slot moved). Under the lock of {@link #drop} and
     * {@link #check}: a channel dropped meanwhile is not subscribed again, nor one that a check is
     * already moving.
     */
    @Override
    public synchronized void sunsubscribed(RedisClusterNode node, String channel, long count) {
        Wanted w = wanted.get(channel);
        if (w != null && node != null && node.getNodeId().equals(w.nodeId)) {
            LOG.info("Redis node {} dropped shard channel {} (its slot moved): subscribing again", node.getNodeId(),
                    channel);
            w.nodeId = null;
            send(channel, w);
        }
    }

    @Override
    public void smessage(RedisClusterNode node, String channel, String message) {
        Wanted w = wanted.get(channel);
        String holder = w == null ? null : w.nodeId;
        if (w == null || (holder != null && node != null && !holder.equals(node.getNodeId()))) {
            return;
        }
        listener.accept(channel, message);
    }

    void close() {
        if (checks != null) {
            checks.cancel(false);
        }
    }
}
