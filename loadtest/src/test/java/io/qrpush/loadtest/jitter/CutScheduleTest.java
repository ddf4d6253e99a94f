package io.qrpush.loadtest.jitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class CutScheduleTest {
    private static final long SECOND = 1_000_000_000L;
    private final CutSchedule schedule = new CutSchedule(Duration.ofSeconds(15), Duration.ofMillis(500));
    private final SplittableRandom random = new SplittableRandom(42);

    @Test
    void firstCutsSpreadOverTheFirstPeriod() {
        long[] first = LongStream.range(0, 10_000).map(i -> schedule.firstCut(random)).toArray();
        assertThat(LongStream.of(first)).allMatch(d -> d >= 0 && d < 15 * SECOND);
        assertThat(LongStream.of(first).filter(d -> d < 5 * SECOND).count()).as("a third in the first third")
                .isBetween(3_000L, 3_700L);
    }

    @Test
    void eachConnectionLivesAboutThePeriodNeverInStep() {
        long[] next = LongStream.range(0, 10_000).map(i -> schedule.nextCut(random)).toArray();
        assertThat(LongStream.of(next)).allMatch(d -> d >= 7_500_000_000L && d < 22_500_000_000L);
        double mean = LongStream.of(next).average().orElseThrow();
        assertThat(mean / SECOND).isBetween(14.8, 15.2);
        assertThat(LongStream.of(next).distinct().count()).isGreaterThan(9_900);
    }

    @Test
    void reconnectPausesBackOffUpToTheCap() {
        assertThat(LongStream.range(0, 1000).map(i -> schedule.reconnectPause(0, random)))
                .allMatch(p -> p >= 0 && p <= 500_000_000L);
        assertThat(LongStream.range(0, 1000).map(i -> schedule.reconnectPause(2, random)).max().orElseThrow())
                .as("three failures: up to 2 s").isBetween(1_500_000_000L, 2_000_000_000L);
        assertThat(LongStream.range(0, 1000).map(i -> schedule.reconnectPause(40, random)))
                .allMatch(p -> p <= CutSchedule.MAX_BACKOFF.toNanos());
    }

    @Test
    void aZeroPauseStillBacksOffAfterFailures() {
        CutSchedule eager = new CutSchedule(Duration.ofSeconds(1), Duration.ZERO);
        assertThat(eager.reconnectPause(0, random)).isZero();
        assertThat(LongStream.range(0, 1000).map(i -> eager.reconnectPause(3, random)).average().orElseThrow())
                .as("random up to 800 ms").isBetween(300e6, 500e6);
    }

    @Test
    void refusesAPeriodOfZero() {
        assertThatThrownBy(() -> new CutSchedule(Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
