package io.qrpush.server.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** An insert's cost is a probe per live slot: it never drops or empties slots itself. */
class ExpirySlotsTest {
    private final ExpirySlots slots = new ExpirySlots();

    @Test
    void anInsertLooksPastSlotsThatAreOverAndLeavesThemForTheSweeper() {
        for (long k = 1; k <= 5_000; k++) {
            assertThat(slots.firstUse(k, k, 10, 3)).isTrue();
        }
        assertThat(slots.firstUse(1, 1, 20, 10)).as("slot 10 is over at 10: its keys are new again").isTrue();
        assertThat(slots.size()).as("the insert dropped nothing").isEqualTo(5_001);
        assertThat(slots.slots()).isEqualTo(2);
        HashPairSet reusable = slots.dropUpTo(10);
        assertThat(slots.size()).isEqualTo(1);
        assertThat(reusable).as("a full set is worth reusing").isNotNull();
    }

    @Test
    void aSteadyRateHoldsABoundedNumberOfSlotsAndReusesTheirSets() {
        HashPairSet firstSpare = null;
        long key = 1;
        for (long current = 0; current < 200; current++) {
            for (int i = 0; i < 100; i++, key++) {
                assertThat(slots.firstUse(key, key, current + 5, current)).isTrue();
            }
            assertThat(slots.slots()).as("a window of five slots plus the one filling").isLessThanOrEqualTo(6);
            HashPairSet reusable = slots.dropUpTo(current);
            if (reusable != null) {
                reusable.clear();
                slots.offerSpare(reusable);
                firstSpare = firstSpare == null ? reusable : firstSpare;
            }
        }
        assertThat(firstSpare).isNotNull();
        assertThat(slots.size()).isEqualTo(500);
    }

    @Test
    void slotsStayInOrderWhateverOrderTheyComeIn() {
        assertThat(slots.firstUse(1, 1, 30, 0)).isTrue();
        assertThat(slots.firstUse(2, 2, 10, 0)).isTrue();
        assertThat(slots.firstUse(3, 3, 20, 0)).isTrue();
        assertThat(slots.firstUse(3, 3, 40, 0)).as("already held in slot 20").isFalse();
        slots.dropUpTo(20);
        assertThat(slots.size()).as("slots 10 and 20 went, 30 stays").isEqualTo(1);
        assertThat(slots.firstUse(1, 1, 40, 20)).isFalse();
    }
}
