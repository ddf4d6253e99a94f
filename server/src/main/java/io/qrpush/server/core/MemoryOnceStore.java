package io.qrpush.server.core;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * {@link OnceStore} for a single node, sized for millions of keys: at 20,000 publishes a second a
 * 120 s dedupe window holds 2.4 million guids. Each key is kept as a 128-bit hash (keyed with a
 * random per-process seed, so no client can aim a collision at another's guid) in a flat
 * {@link HashPairSet}, and keys are grouped in time slots by when they expire: a slot is dropped
 * whole once its time has passed, so nothing ever walks the live keys to expire them. A key
 * stays remembered at least its ttl and at most one slot longer.
 *
 * <p>A publish pays the same whatever the window holds: two hashes of its key, a probe per live
 * slot of one stripe, and no allocation (the answers are two shared completed futures). Dropping
 * and emptying slots is {@link #expire()}'s work on the node's sweeper thread, never an insert's
 * (see {@link ExpirySlots}).
 */
public final class MemoryOnceStore implements OnceStore {
    private static final int STRIPES = 16;
    /** Shared answers: a completed future cannot be completed again, and callers only chain on it. */
    private static final CompletableFuture<Boolean> NEW = CompletableFuture.completedFuture(true);
    private static final CompletableFuture<Boolean> SEEN = CompletableFuture.completedFuture(false);

    private final LongSupplier clockMillis;
    private final long slotMillis;
    private final long seedHi;
    private final long seedLo;
    private final ExpirySlots[] stripes = new ExpirySlots[STRIPES];

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
            stripes[i] = new ExpirySlots();
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
        ExpirySlots s = stripes[(int) (hi >>> 60)];
        boolean first;
        synchronized (s) {
            first = s.firstUse(hi, lo, slot, now / slotMillis);
        }
        return first ? NEW : SEEN;
    }

    @Override
    public CompletableFuture<Void> forget(String key) {
        long hi = hash(key, seedHi);
        long lo = hash(key, seedLo) | 1;
        ExpirySlots s = stripes[(int) (hi >>> 60)];
        synchronized (s) {
            s.remove(hi, lo);
        }
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Drops the slots whose time has passed; the node's sweeper calls it every second. The set kept
     * for reuse is emptied outside the stripe's lock, so publishes on that stripe do not wait for it.
     */
    @Override
    public void expire() {
        long current = clockMillis.getAsLong() / slotMillis;
        for (ExpirySlots s : stripes) {
            HashPairSet reusable;
            synchronized (s) {
                reusable = s.dropUpTo(current);
            }
            if (reusable != null) {
                reusable.clear();
                synchronized (s) {
                    s.offerSpare(reusable);
                }
            }
        }
    }

    /** Keys remembered, expired slots not yet dropped included. */
    public int size() {
        int n = 0;
        for (ExpirySlots s : stripes) {
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
}
