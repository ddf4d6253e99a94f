package io.qrpush.server.core;

import java.util.Arrays;

/**
 * The keys of one {@link MemoryOnceStore} stripe: a {@link HashPairSet} per expiry slot, in order
 * of the slot's index, the slot that ends soonest first. Slot {@code n} covers times up to
 * {@code n * slotMillis}: it is over once the current slot index reaches it.
 *
 * <p>A publish's insert does no expiry work: it looks past slots that are over and leaves them for
 * {@link #dropUpTo}, which the store's sweeper thread calls, so an insert costs a probe per live
 * slot however many keys the window holds. Nothing here allocates per insert: slots are a pair of
 * small arrays (no boxed index, no map entry), and a dropped slot's set comes back, emptied, as
 * the spare for the next new slot. Not thread-safe: the store locks around each call.
 */
final class ExpirySlots {
    private long[] ids = new long[8];
    private HashPairSet[] sets = new HashPairSet[8];
    private int count;
    private HashPairSet spare;

    /** Adds the key unless a slot not yet over holds it; true when it was new. */
    boolean firstUse(long hi, long lo, long slot, long current) {
        for (int i = 0; i < count; i++) {
            if (ids[i] > current && sets[i].contains(hi, lo)) {
                return false;
            }
        }
        int at = count;
        while (at > 0 && ids[at - 1] > slot) {
            at--;
        }
        if (at == 0 || ids[at - 1] != slot) {
            insert(at, slot);
        } else {
            at--;
        }
        return sets[at].add(hi, lo);
    }

    void remove(long hi, long lo) {
        for (int i = 0; i < count; i++) {
            if (sets[i].remove(hi, lo)) {
                return;
            }
        }
    }

    /**
     * Drops the slots that are over; returns one of their sets worth keeping as the spare (not
     * yet emptied: the caller empties it outside the lock, then {@linkplain #offerSpare offers}
     * it), or null. Sets sized for a peak that has passed are let go.
     */
    HashPairSet dropUpTo(long current) {
        int over = 0;
        while (over < count && ids[over] <= current) {
            over++;
        }
        HashPairSet keep = null;
        for (int i = 0; i < over && spare == null && keep == null; i++) {
            HashPairSet set = sets[i];
            if (set.capacity() == HashPairSet.MIN_CAPACITY || set.size() * 8 >= set.capacity()) {
                keep = set;
            }
        }
        System.arraycopy(ids, over, ids, 0, count - over);
        System.arraycopy(sets, over, sets, 0, count - over);
        Arrays.fill(sets, count - over, count, null);
        count -= over;
        return keep;
    }

    /** An emptied set for the next new slot; ignored when a spare is kept already. */
    void offerSpare(HashPairSet emptied) {
        if (spare == null) {
            spare = emptied;
        }
    }

    /** Keys held, in slots that are over but not yet dropped too. */
    int size() {
        int n = 0;
        for (int i = 0; i < count; i++) {
            n += sets[i].size();
        }
        return n;
    }

    /** Slots held, those over but not yet dropped included. */
    int slots() {
        return count;
    }

    private void insert(int at, long slot) {
        if (count == ids.length) {
            ids = Arrays.copyOf(ids, count * 2);
            sets = Arrays.copyOf(sets, count * 2);
        }
        System.arraycopy(ids, at, ids, at + 1, count - at);
        System.arraycopy(sets, at, sets, at + 1, count - at);
        ids[at] = slot;
        sets[at] = spare != null ? spare : new HashPairSet();
        spare = null;
        count++;
    }
}
