package io.qrpush.server.core;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;

/**
 * A set of 128-bit values held as pairs of longs in one flat table: linear probing, no object per
 * entry, so millions of remembered keys cost 17 to 34 bytes each. The table lives outside the
 * heap: a dedupe window's tables live for minutes, and on the heap each young collection would
 * copy them whole from one survivor space to the next. The pair (0, 0) marks an empty slot and
 * must not be stored. Not thread-safe.
 *
 * <p>Beside the table, a byte per slot holds a tag: zero for an empty slot, else seven bits of the
 * pair. A lookup walks the tags and reads a pair only where its tag matches, so a miss, which
 * every new guid is in each of the dedupe window's slots, reads about one cache line of tags
 * instead of the several lines of pairs a probe run at three-quarters load covers (issue 27: the
 * dedupe store's misses were the publish path's largest Java cost).
 */
final class HashPairSet {
    static final int MIN_CAPACITY = 16;
    /** Written over a table in bulk to empty it, a copy rather than a put per long. */
    private static final long[] ZEROS = new long[1024];
    private static final byte[] ZERO_TAGS = new byte[4096];

    private LongBuffer table;
    private ByteBuffer tags;
    private int size;

    HashPairSet() {
        allocate(MIN_CAPACITY);
    }

    /** A zeroed table of {@code capacity} pairs, and their tags. */
    private void allocate(int capacity) {
        table = ByteBuffer.allocateDirect(capacity * 16).order(ByteOrder.nativeOrder()).asLongBuffer();
        tags = ByteBuffer.allocateDirect(capacity);
    }

    /** The tag of a pair: never zero, and from bits the home slot is not taken from. */
    private static byte tagOf(long lo) {
        return (byte) (0x80 | (lo >>> 57));
    }

    int size() {
        return size;
    }

    int capacity() {
        return table.capacity() / 2;
    }

    /** Empties the set and keeps its table, so a set reused for a new time slot allocates nothing. */
    void clear() {
        for (int i = 0; i < table.capacity(); i += ZEROS.length) {
            table.put(i, ZEROS, 0, Math.min(ZEROS.length, table.capacity() - i));
        }
        for (int i = 0; i < tags.capacity(); i += ZERO_TAGS.length) {
            tags.put(i, ZERO_TAGS, 0, Math.min(ZERO_TAGS.length, tags.capacity() - i));
        }
        size = 0;
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
        byte tag = tagOf(lo);
        for (int i = slotOf(hi, mask); ; i = (i + 1) & mask) {
            byte t = tags.get(i);
            if (t == 0) {
                put(i, hi, lo);
                size++;
                return true;
            }
            if (t == tag && table.get(2 * i) == hi && table.get(2 * i + 1) == lo) {
                return false;
            }
        }
    }

    private void put(int i, long hi, long lo) {
        table.put(2 * i, hi);
        table.put(2 * i + 1, lo);
        tags.put(i, tagOf(lo));
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

    private static int slotOf(long hi, int mask) {
        return (int) (hi ^ (hi >>> 32)) & mask;
    }

    private int indexOf(long hi, long lo) {
        int mask = capacity() - 1;
        byte tag = tagOf(lo);
        for (int i = slotOf(hi, mask); ; i = (i + 1) & mask) {
            byte t = tags.get(i);
            if (t == 0) {
                return -1;
            }
            if (t == tag && table.get(2 * i) == hi && table.get(2 * i + 1) == lo) {
                return i;
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
            if (tags.get(i) == 0) {
                break;
            }
            long h = table.get(2 * i);
            long l = table.get(2 * i + 1);
            int home = slotOf(h, mask);
            // The entry at i may fill the hole unless its home lies cyclically in (hole, i].
            boolean homeBetween = hole <= i ? hole < home && home <= i : hole < home || home <= i;
            if (!homeBetween) {
                put(hole, h, l);
                hole = i;
            }
        }
        table.put(2 * hole, 0L);
        table.put(2 * hole + 1, 0L);
        tags.put(hole, (byte) 0);
    }

    private void resize(int newCapacity) {
        LongBuffer old = table;
        allocate(newCapacity);
        size = 0;
        for (int i = 0; i < old.capacity(); i += 2) {
            long h = old.get(i);
            long l = old.get(i + 1);
            if (h != 0 || l != 0) {
                add(h, l);
            }
        }
    }
}
