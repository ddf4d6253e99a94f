package io.qrpush.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GuidDedupeTest {

    @Test
    void aRepeatedGuidIsRecognisedPerChannel() {
        GuidDedupe d = new GuidDedupe(4);
        assertThat(d.add("news", "g1")).isTrue();
        assertThat(d.add("news", "g1")).isFalse();
        assertThat(d.add("other", "g1")).as("guids are unique per channel only").isTrue();
    }

    @Test
    void memoryIsBoundedAndTheOldestIsForgottenFirst() {
        GuidDedupe d = new GuidDedupe(3);
        for (int i = 1; i <= 10_000; i++) {
            d.add("news", "g" + i);
        }
        assertThat(d.remembered("news")).isEqualTo(3);
        assertThat(d.add("news", "g10000")).isFalse();
        assertThat(d.add("news", "g9998")).isFalse();
        assertThat(d.add("news", "g9997")).as("evicted, so seen as new").isTrue();
    }

    @Test
    void aRepeatDoesNotRefreshItsAgeButKeepsTheSetSize() {
        GuidDedupe d = new GuidDedupe(2);
        d.add("c", "a");
        d.add("c", "b");
        d.add("c", "a");
        d.add("c", "x");
        assertThat(d.remembered("c")).isEqualTo(2);
        assertThat(d.add("c", "b")).isFalse();
    }

    @Test
    void forgetDropsAChannel() {
        GuidDedupe d = new GuidDedupe(8);
        d.add("news", "g1");
        d.forget("news");
        assertThat(d.remembered("news")).isZero();
        assertThat(d.add("news", "g1")).isTrue();
    }
}
