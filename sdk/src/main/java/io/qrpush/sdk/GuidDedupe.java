package io.qrpush.sdk;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;

/**
 * Remembers the last {@code size} message guids per channel, so a message delivered again (the
 * server never saw our ack before a reconnect, a cluster node replayed it) reaches the listeners
 * once. Memory stays bounded: a LinkedHashSet iterates oldest first, so the eldest is dropped.
 * Not thread-safe: the client uses it from its event thread only.
 */
final class GuidDedupe {
    private final int size;
    private final Map<String, LinkedHashSet<String>> seen = new HashMap<>();

    GuidDedupe(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("dedupe size must be at least 1");
        }
        this.size = size;
    }

    /** True when {@code guid} is new on {@code channel} (and remembers it); false for a repeat. */
    boolean add(String channel, String guid) {
        LinkedHashSet<String> set = seen.computeIfAbsent(channel, c -> new LinkedHashSet<>());
        if (!set.add(guid)) {
            return false;
        }
        if (set.size() > size) {
            Iterator<String> eldest = set.iterator();
            eldest.next();
            eldest.remove();
        }
        return true;
    }

    /** Drops a channel's memory when it is unsubscribed. */
    void forget(String channel) {
        seen.remove(channel);
    }

    int remembered(String channel) {
        LinkedHashSet<String> set = seen.get(channel);
        return set == null ? 0 : set.size();
    }
}
