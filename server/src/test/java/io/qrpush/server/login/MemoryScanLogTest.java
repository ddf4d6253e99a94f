package io.qrpush.server.login;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Counting scans per user on one node: the per-minute budget, the ten-minute count, the memory bound. */
class MemoryScanLogTest {
    private static final long T0 = 1_000_000_000L;
    private final MemoryScanLog log = new MemoryScanLog();

    @Test
    void countsUpToTheBudgetThenRefusesWithoutCounting() {
        for (int i = 1; i <= 3; i++) {
            assertThat(log.count("app", "alice", T0 + i, 3)).isEqualTo(new ScanCount(true, i));
        }
        assertThat(log.count("app", "alice", T0 + 4, 3)).isEqualTo(new ScanCount(false, 3));
        assertThat(log.count("app", "alice", T0 + 5, 3)).as("a refusal is not counted")
                .isEqualTo(new ScanCount(false, 3));
        assertThat(log.count("app", "bob", T0 + 6, 3)).as("per user").isEqualTo(new ScanCount(true, 1));
        assertThat(log.count("other", "alice", T0 + 7, 3)).as("per app").isEqualTo(new ScanCount(true, 1));
    }

    @Test
    void theBudgetRefillsAfterAMinuteWhileTheCountRemembersTenMinutes() {
        log.count("app", "alice", T0, 2);
        log.count("app", "alice", T0, 2);
        assertThat(log.count("app", "alice", T0 + 30_000, 2).allowed()).isFalse();
        long aMinuteOn = T0 + ScanWindow.STEP_MILLIS * ScanWindow.BUDGET_STEPS;
        assertThat(log.count("app", "alice", aMinuteOn, 2)).isEqualTo(new ScanCount(true, 3));
        long tenMinutesOn = T0 + ScanWindow.WINDOW_MILLIS;
        assertThat(log.count("app", "alice", tenMinutesOn, 2)).as("the first two left the window")
                .isEqualTo(new ScanCount(true, 2));
        assertThat(log.entries()).as("expired steps are freed").isEqualTo(2);
    }

    @Test
    void memoryIsBoundedByDroppingTheOldestSteps() {
        MemoryScanLog small = new MemoryScanLog(3);
        small.count("app", "u1", T0, 10);
        small.count("app", "u2", T0, 10);
        small.count("app", "u3", T0 + ScanWindow.STEP_MILLIS, 10);
        assertThat(small.count("app", "u4", T0 + 2 * ScanWindow.STEP_MILLIS, 10).allowed()).isTrue();
        assertThat(small.entries()).isLessThanOrEqualTo(3);
        assertThat(small.count("app", "u1", T0 + 2 * ScanWindow.STEP_MILLIS, 10).scansByUser())
                .as("the oldest step went first").isEqualTo(1);
        for (int i = 0; i < 10; i++) {
            assertThat(small.count("app", "flood" + i, T0 + 2 * ScanWindow.STEP_MILLIS, 10).allowed())
                    .as("a full node lets scans through rather than refusing them").isTrue();
        }
        assertThat(small.entries()).isLessThanOrEqualTo(3);
    }
}
