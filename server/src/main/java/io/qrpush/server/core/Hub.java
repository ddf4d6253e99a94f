package io.qrpush.server.core;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * This node's subscriptions. Each channel holds a copy-on-write array of subscribers in a
 * {@link ConcurrentHashMap}: delivery, the hot path, reads the array without a lock (sharded
 * {@code HashMap}s under a monitor each cost a lock and its release per publish, a measurable
 * share of the publish path, issue 27) and iterates it as it was; subscribes and unsubscribes
 * replace it under the map's lock for that one key.
 */
public final class Hub {
    private static final Subscriber[] NONE = new Subscriber[0];

    private final ConcurrentHashMap<ChannelKey, Subscriber[]> channels = new ConcurrentHashMap<>();
    private final LongAdder subscriptions = new LongAdder();

    /** Adds the subscriber; returns true when it is the channel's first on this node. */
    public boolean add(ChannelKey channel, Subscriber subscriber) {
        boolean[] first = new boolean[1];
        channels.compute(channel, (key, current) -> {
            if (current == null) {
                first[0] = true;
                subscriptions.increment();
                return new Subscriber[] {subscriber};
            }
            for (Subscriber s : current) {
                if (s == subscriber) {
                    return current;
                }
            }
            Subscriber[] grown = Arrays.copyOf(current, current.length + 1);
            grown[current.length] = subscriber;
            subscriptions.increment();
            return grown;
        });
        return first[0];
    }

    /** Removes the subscriber; returns true when the channel has no subscriber left on this node. */
    public boolean remove(ChannelKey channel, Subscriber subscriber) {
        boolean[] last = new boolean[1];
        channels.computeIfPresent(channel, (key, current) -> {
            int at = -1;
            for (int i = 0; i < current.length; i++) {
                if (current[i] == subscriber) {
                    at = i;
                    break;
                }
            }
            if (at < 0) {
                return current;
            }
            subscriptions.decrement();
            if (current.length == 1) {
                last[0] = true;
                return null;
            }
            Subscriber[] shrunk = new Subscriber[current.length - 1];
            System.arraycopy(current, 0, shrunk, 0, at);
            System.arraycopy(current, at + 1, shrunk, at, current.length - at - 1);
            return shrunk;
        });
        return last[0];
    }

    /** The channel's subscribers at this instant; the array must not be modified. */
    public Subscriber[] subscribers(ChannelKey channel) {
        Subscriber[] current = channels.get(channel);
        return current == null ? NONE : current;
    }

    public int count(ChannelKey channel) {
        return subscribers(channel).length;
    }

    /** Channels with at least one subscriber on this node. */
    public int channels() {
        return channels.size();
    }

    public long subscriptions() {
        return subscriptions.sum();
    }
}
