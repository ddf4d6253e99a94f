package io.qrpush.server.core;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * {@link OnceStore} for a single node, sized for millions of keys: at 20,000 publishes a second a
 * 120 s dedupe window holds 2.4 million guids. Each key is kept as a 128-bit hash (keyed with a
 * random per-process seed, so no client can aim a collision at another's guid) in a flat
 * {@link HashPairSet}, and keys are grouped in time slots by when they expire: a slot is dropped
 * whole once its time has passed, so nothing ever walks the live keys to expire them. A key
 * stays remembered at least its ttl and at most one slot longer.
 */
public final class MemoryOnceStore implements OnceStore {
    private static final int STRIPES = 16;

    private final LongSupplier clockMillis;
    private final long slotMillis;
    private final long seedHi;
    private final long seedLo;
    private final Stripe[] stripes = new Stripe[STRIPES];

    /**
     * @param slotMillis how finely expiry is tracked: a lookup probes one set per live slot, and a
     *                   key may outlive its ttl by up to this much
     */
    public MemoryOnceStore(LongSupplier clockMillis, Duration slot) {
        if (slot.toMillis() <= 0) {
            throw new IllegalArgumentException("slot must be positive: " + slot);
        }
        this.clockMillis = clockMillis;
        this.slotMillis = slot.toMillis();
        SecureRandom random = new SecureRandom();
        this.seedHi = random.nextLong();
        this.seedLo = random.nextLong();
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe();
        }
    }

    /** A store whose slots are a quarter of {@code typicalTtl} (at most five sets to probe), but no finer than a second. */
    public static MemoryOnceStore forTtl(LongSupplier clockMillis, Duration typicalTtl) {
        return new MemoryOnceStore(clockMillis, Duration.ofMillis(Math.max(1000, typicalTtl.toMillis() / 4)));
    }

    @Override
    public CompletableFuture<Boolean> firstUse(String key, Duration ttl) {
        long hi = hash(key, seedHi);
        long lo = hash(key, seedLo) | 1; // never (0, 0), the empty mark
        long now = clockMillis.getAsLong();
        long slot = Math.floorDiv(now + ttl.toMillis() + slotMillis - 1, slotMillis);
        Stripe s = stripes[(int) (hi >>> 60)];
        synchronized (s) {
            return CompletableFuture.completedFuture(s.firstUse(hi, lo, slot, now / slotMillis));
        }
    }

    @Override
    public CompletableFuture<Void> forget(String key) {
        long hi = hash(key, seedHi);
        long lo = hash(key, seedLo) | 1;
        Stripe s = stripes[(int) (hi >>> 60)];
        synchronized (s) {
            s.remove(hi, lo);
        }
        return CompletableFuture.completedFuture(null);
    }

    /** Drops the slots whose time has passed; the node calls it periodically so idle stripes free memory too. */
    @Override
    public void expire() {
        long current = clockMillis.getAsLong() / slotMillis;
        for (Stripe s : stripes) {
            synchronized (s) {
                s.dropUpTo(current);
            }
        }
    }

    /** Keys remembered, expired slots not yet dropped included. */
    public int size() {
        int n = 0;
        for (Stripe s : stripes) {
            synchronized (s) {
                n += s.size();
            }
        }
        return n;
    }

    /**
     * A 64-bit hash of the key's characters under a seed. Each step is a bijection of the state,
     * so two keys of the same length can only meet where their characters differ, by chance.
     */
    static long hash(String key, long seed) {
        long h = seed ^ (key.length() * 0x9E3779B97F4A7C15L);
        for (int i = 0; i < key.length(); i++) {
            h = (h ^ key.charAt(i)) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 31;
        }
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        return h ^ (h >>> 33);
    }

    /**
     * One sixteenth of the keys: a set per expiry slot, the slot that ends soonest first. A dropped
     * slot's set is kept as the spare for the next new slot, so a steady rate allocates no tables:
     * they are off the heap and freed only when the garbage collector finds their owners.
     */
    private static final class Stripe {
        private final TreeMap<Long, HashPairSet> slots = new TreeMap<>();
        private HashPairSet spare;

        boolean firstUse(long hi, long lo, long slot, long current) {
            dropUpTo(current);
            for (HashPairSet set : slots.values()) {
                if (set.contains(hi, lo)) {
                    return false;
                }
            }
            return slots.computeIfAbsent(slot, s -> takeSpare()).add(hi, lo);
        }

        void remove(long hi, long lo) {
            for (HashPairSet set : slots.values()) {
                if (set.remove(hi, lo)) {
                    return;
                }
            }
        }

        /** Slot {@code n} covers times up to {@code n * slotMillis}: it is over once the current slot index reaches it. */
        void dropUpTo(long current) {
            Map.Entry<Long, HashPairSet> first;
            while ((first = slots.firstEntry()) != null && first.getKey() <= current) {
                keepAsSpare(slots.pollFirstEntry().getValue());
            }
        }

        private HashPairSet takeSpare() {
            HashPairSet set = spare;
            spare = null;
            return set != null ? set : new HashPairSet();
        }

        /**
         * Keeps the set unless a spare is already kept or the set is mostly empty: after the rate
         * drops, a table sized for the peak would otherwise be held forever.
         */
        private void keepAsSpare(HashPairSet set) {
            if (spare == null && (set.capacity() == HashPairSet.MIN_CAPACITY || set.size() * 8 >= set.capacity())) {
                set.clear();
                spare = set;
            }
        }

        int size() {
            int n = 0;
            for (HashPairSet set : slots.values()) {
                n += set.size();
            }
            return n;
        }
    }
}
