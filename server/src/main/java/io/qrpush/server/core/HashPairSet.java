package io.qrpush.server.core;

/**
 * A set of 128-bit values held as pairs of longs in one flat array: linear probing, no object per
 * entry, so millions of remembered keys cost 16 to 32 bytes each and nothing for the garbage
 * collector to trace. The pair (0, 0) marks an empty slot and must not be stored. Not thread-safe.
 */
final class HashPairSet {
    private static final int MIN_CAPACITY = 16;

    private long[] table;
    private int size;

    HashPairSet() {
        table = new long[MIN_CAPACITY * 2];
    }

    int size() {
        return size;
    }

    boolean contains(long hi, long lo) {
        return indexOf(hi, lo) >= 0;
    }

    /** Adds the pair; false when it was already there. */
    boolean add(long hi, long lo) {
        if (hi == 0 && lo == 0) {
            throw new IllegalArgumentException("(0, 0) marks an empty slot");
        }
        if ((size + 1) * 4L > capacity() * 3L) {
            resize(capacity() * 2);
        }
        int mask = capacity() - 1;
        for (int i = slotOf(hi, mask); ; i = (i + 1) & mask) {
            long h = table[2 * i];
            long l = table[2 * i + 1];
            if (h == 0 && l == 0) {
                table[2 * i] = hi;
                table[2 * i + 1] = lo;
                size++;
                return true;
            }
            if (h == hi && l == lo) {
                return false;
            }
        }
    }

    /** Removes the pair; false when it was not there. */
    boolean remove(long hi, long lo) {
        int i = indexOf(hi, lo);
        if (i < 0) {
            return false;
        }
        shiftBackFrom(i);
        size--;
        return true;
    }

    private int capacity() {
        return table.length / 2;
    }

    private static int slotOf(long hi, int mask) {
        return (int) (hi ^ (hi >>> 32)) & mask;
    }

    private int indexOf(long hi, long lo) {
        int mask = capacity() - 1;
        for (int i = slotOf(hi, mask); ; i = (i + 1) & mask) {
            long h = table[2 * i];
            long l = table[2 * i + 1];
            if (h == hi && l == lo) {
                return i;
            }
            if (h == 0 && l == 0) {
                return -1;
            }
        }
    }

    /**
     * Empties slot {@code hole} and moves later entries of its probe run back into it, so every
     * lookup still finds them without tombstones (Knuth's deletion for linear probing).
     */
    private void shiftBackFrom(int hole) {
        int mask = capacity() - 1;
        int i = hole;
        while (true) {
            i = (i + 1) & mask;
            long h = table[2 * i];
            long l = table[2 * i + 1];
            if (h == 0 && l == 0) {
                break;
            }
            int home = slotOf(h, mask);
            // The entry at i may fill the hole unless its home lies cyclically in (hole, i].
            boolean homeBetween = hole <= i ? hole < home && home <= i : hole < home || home <= i;
            if (!homeBetween) {
                table[2 * hole] = h;
                table[2 * hole + 1] = l;
                hole = i;
            }
        }
        table[2 * hole] = 0;
        table[2 * hole + 1] = 0;
    }

    private void resize(int newCapacity) {
        long[] old = table;
        table = new long[newCapacity * 2];
        size = 0;
        for (int i = 0; i < old.length; i += 2) {
            if (old[i] != 0 || old[i + 1] != 0) {
                add(old[i], old[i + 1]);
            }
        }
    }
}
