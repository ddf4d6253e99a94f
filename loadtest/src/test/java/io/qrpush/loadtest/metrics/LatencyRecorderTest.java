package io.qrpush.loadtest.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencyRecorderTest {
    private final LatencyRecorder r = new LatencyRecorder();

    @Test
    void warmUpLatenciesAreLeftOutAndMeasuredOnesKept() {
        r.record(5_000, 1);
        r.record(7_000, 1);
        r.record(100, 0);
        r.record(200, 0);
        Histogram interval = r.tick();
        assertThat(interval.getTotalCount()).isEqualTo(2);
        assertThat(interval.getMaxValue()).isBetween(199L, 201L);
        r.record(9_000, 1);
        assertThat(r.tick().getTotalCount()).as("warm-up values never reach a tick").isZero();
        assertThat(r.total().getTotalCount()).isEqualTo(2);
    }

    @Test
    void outOfRangeValuesAreClampedNotLost() {
        r.record(-5);
        r.record(LatencyRecorder.MAX_MICROS * 10);
        Histogram interval = r.tick();
        assertThat(interval.getTotalCount()).isEqualTo(2);
        assertThat(interval.getMinValue()).isZero();
        assertThat(interval.getMaxValue()).isGreaterThanOrEqualTo(LatencyRecorder.MAX_MICROS * 999 / 1000);
    }

    @Test
    void aMeasuredEventTickedBeforeTheWarmUpEndIsHandledIsKept() {
        r.record(5_000, 1);
        r.record(100, 0);
        r.tick();
        r.resetTotal();
        assertThat(r.total().getTotalCount()).isEqualTo(1);
    }

    @Test
    void withoutPhasesTheWarmUpIsForgottenAtItsEnd() {
        r.record(5_000);
        r.tick();
        r.resetTotal();
        r.record(100);
        r.tick();
        assertThat(r.total().getTotalCount()).isEqualTo(1);
    }
}
