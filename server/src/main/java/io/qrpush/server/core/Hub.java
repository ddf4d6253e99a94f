package io.qrpush.server.core;

import java.util.Arrays;
import java.util.HashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * This node's subscriptions, sharded by channel so that subscribes on one channel do not
 * contend with deliveries on another. Each channel holds a copy-on-write array of subscribers:
 * delivery, the hot path, takes the array under the shard lock and iterates it outside the lock.
 */
public final class Hub {
    private static final int SHARD_BITS = 6;
    private static final int SHARDS = 1 << SHARD_BITS;
    private static final Subscriber[] NONE = new Subscriber[0];

    private final HashMap<ChannelKey, Subscriber[]>[] shards;
    private final LongAdder subscriptions = new LongAdder();

    @SuppressWarnings("unchecked")
    public Hub() {
        shards = new HashMap[SHARDS];
        for (int i = 0; i < SHARDS; i++) {
            shards[i] = new HashMap<>();
        }
    }

    private HashMap<ChannelKey, Subscriber[]> shard(ChannelKey channel) {
        return shards[shardOf(channel.hashCode())];
    }

    /**
     * The shard from the top bits of the hash times the golden ratio. A {@link HashMap} picks its
     * bucket from the low bits of the hash (folded with the high half), so a shard chosen from
     * those same bits would leave each shard's map one bucket in {@value #SHARDS}: every lookup
     * would walk a long bin.
     */
    static int shardOf(int hash) {
        return (hash * 0x9E3779B9) >>> (Integer.SIZE - SHARD_BITS);
    }

    /** Adds the subscriber; returns true when it is the channel's first on this node. */
    public boolean add(ChannelKey channel, Subscriber subscriber) {
        HashMap<ChannelKey, Subscriber[]> shard = shard(channel);
        synchronized (shard) {
            Subscriber[] current = shard.get(channel);
            if (current == null) {
                shard.put(channel, new Subscriber[] {subscriber});
                subscriptions.increment();
                return true;
            }
            for (Subscriber s : current) {
                if (s == subscriber) {
                    return false;
                }
            }
            Subscriber[] grown = Arrays.copyOf(current, current.length + 1);
            grown[current.length] = subscriber;
            shard.put(channel, grown);
            subscriptions.increment();
            return false;
        }
    }

    /** Removes the subscriber; returns true when the channel has no subscriber left on this node. */
    public boolean remove(ChannelKey channel, Subscriber subscriber) {
        HashMap<ChannelKey, Subscriber[]> shard = shard(channel);
        synchronized (shard) {
            Subscriber[] current = shard.get(channel);
            if (current == null) {
                return false;
            }
            int at = -1;
            for (int i = 0; i < current.length; i++) {
                if (current[i] == subscriber) {
                    at = i;
                    break;
                }
            }
            if (at < 0) {
                return false;
            }
            subscriptions.decrement();
            if (current.length == 1) {
                shard.remove(channel);
                return true;
            }
            Subscriber[] shrunk = new Subscriber[current.length - 1];
            System.arraycopy(current, 0, shrunk, 0, at);
            System.arraycopy(current, at + 1, shrunk, at, current.length - at - 1);
            shard.put(channel, shrunk);
            return false;
        }
    }

    /** The channel's subscribers at this instant; the array must not be modified. */
    public Subscriber[] subscribers(ChannelKey channel) {
        HashMap<ChannelKey, Subscriber[]> shard = shard(channel);
        synchronized (shard) {
            Subscriber[] current = shard.get(channel);
            return current == null ? NONE : current;
        }
    }

    public int count(ChannelKey channel) {
        return subscribers(channel).length;
    }

    /** Channels with at least one subscriber on this node. */
    public int channels() {
        int n = 0;
        for (HashMap<ChannelKey, Subscriber[]> shard : shards) {
            synchronized (shard) {
                n += shard.size();
            }
        }
        return n;
    }

    public long subscriptions() {
        return subscriptions.sum();
    }
}
