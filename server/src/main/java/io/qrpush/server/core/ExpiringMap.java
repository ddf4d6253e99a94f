package io.qrpush.server.core;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A concurrent map whose entries expire. Expired entries are invisible at once and freed by
 * {@link #sweep()}, which the node runs once a second, so memory follows the live entries.
 */
public final class ExpiringMap<V> {
    private record Entry<V>(V value, long expiresAtMillis) {
    }

    private final ConcurrentHashMap<String, Entry<V>> entries = new ConcurrentHashMap<>();
    private final LongSupplier clockMillis;

    public ExpiringMap(LongSupplier clockMillis) {
        this.clockMillis = clockMillis;
    }

    /**
     * Stores the value unless a live one is there; returns true when this call stored it. Called
     * per publish that asks for a receipt, so it allocates the entry and nothing else.
     */
    public boolean putIfAbsent(String key, V value, long ttlMillis) {
        long now = clockMillis.getAsLong();
        Entry<V> fresh = new Entry<>(value, now + ttlMillis);
        while (true) {
            Entry<V> old = entries.putIfAbsent(key, fresh);
            if (old == null) {
                return true;
            }
            if (old.expiresAtMillis > now) {
                return false;
            }
            if (entries.replace(key, old, fresh)) {
                return true; // else another caller replaced the expired entry first: look again
            }
        }
    }

    /** Removes and returns the live value, or null; exactly one caller gets a given value. */
    public V remove(String key) {
        Entry<V> e = entries.remove(key);
        return e == null || e.expiresAtMillis <= clockMillis.getAsLong() ? null : e.value;
    }

    /** Frees expired entries; returns how many. */
    public int sweep() {
        long now = clockMillis.getAsLong();
        int freed = 0;
        for (Iterator<Map.Entry<String, Entry<V>>> it = entries.entrySet().iterator(); it.hasNext(); ) {
            if (it.next().getValue().expiresAtMillis <= now) {
                it.remove();
                freed++;
            }
        }
        return freed;
    }

    public int size() {
        return entries.size();
    }
}
