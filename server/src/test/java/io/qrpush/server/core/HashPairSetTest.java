package io.qrpush.server.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A probe loop that never finds an empty slot spins without end: the timeout, on a thread of its own (a spinning test thread never sees an interrupt), makes that a failure. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HashPairSetTest {

    private record Pair(long hi, long lo) {
    }

    /**
     * Random adds and removes against {@link HashSet}. The highs come from a small range, so many
     * pairs share a home slot and removals must shift whole probe runs back correctly.
     */
    @Test
    void agreesWithAHashSetUnderRandomAddsAndRemoves() {
        Random random = new Random(42);
        HashPairSet set = new HashPairSet();
        Set<Pair> oracle = new HashSet<>();
        List<Pair> known = new ArrayList<>();
        for (int step = 0; step < 50_000; step++) {
            Pair p = known.isEmpty() || random.nextInt(3) == 0
                    ? new Pair(random.nextInt(64) + 1L, random.nextInt(1_000))
                    : known.get(random.nextInt(known.size()));
            if (random.nextInt(5) < 3) {
                assertThat(set.add(p.hi, p.lo)).isEqualTo(oracle.add(p));
                known.add(p);
            } else {
                assertThat(set.remove(p.hi, p.lo)).isEqualTo(oracle.remove(p));
            }
            assertThat(set.size()).isEqualTo(oracle.size());
        }
        for (Pair p : known) {
            assertThat(set.contains(p.hi, p.lo)).as("%s", p).isEqualTo(oracle.contains(p));
        }
    }

    @Test
    void growsPastItsFirstCapacityAndKeepsEverything() {
        HashPairSet set = new HashPairSet();
        for (long i = 1; i <= 100_000; i++) {
            assertThat(set.add(i * 0x9E3779B97F4A7C15L, i)).isTrue();
        }
        assertThat(set.size()).isEqualTo(100_000);
        for (long i = 1; i <= 100_000; i++) {
            assertThat(set.contains(i * 0x9E3779B97F4A7C15L, i)).isTrue();
        }
        assertThat(set.contains(7, 7)).isFalse();
    }

    @Test
    void clearForgetsEveryPairAndKeepsTheTable() {
        HashPairSet set = new HashPairSet();
        for (long i = 1; i <= 1_000; i++) {
            set.add(i, i);
        }
        int capacity = set.capacity();
        set.clear();
        assertThat(set.size()).isZero();
        assertThat(set.capacity()).isEqualTo(capacity);
        for (long i = 1; i <= 1_000; i++) {
            assertThat(set.contains(i, i)).isFalse();
        }
        assertThat(set.add(5, 5)).isTrue();
        assertThat(set.add(5, 5)).isFalse();
    }

    @Test
    void theEmptyMarkIsRefused() {
        assertThatThrownBy(() -> new HashPairSet().add(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
