package io.qrpush.server.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OverloadTest {
    private static final long LIMIT = TimeUnit.MILLISECONDS.toNanos(50);
    /** Twice the limit: each window this far behind halves the share. */
    private static final long BEHIND = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long FINE = TimeUnit.MILLISECONDS.toNanos(1);

    /** The random draw a decision compares with the admitted share: below it admits. */
    private double draw;
    private final Overload overload = new Overload(Duration.ofMillis(50), () -> draw);

    @Test
    void aNodeThatIsNotBehindAdmitsEverything() {
        overload.observe(FINE);
        overload.observe(LIMIT);
        draw = 0.999_999;
        assertThat(overload.refuseNew()).isZero();
        assertThat(overload.admitShare()).isEqualTo(1.0);
    }

    @Test
    void eachWindowBehindScalesTheShareByLimitOverLag() {
        overload.observe(BEHIND);
        assertThat(overload.admitShare()).isEqualTo(0.5);
        draw = 0.49;
        assertThat(overload.refuseNew()).as("a draw under the share is admitted").isZero();
        draw = 0.51;
        assertThat(overload.refuseNew()).as("a draw over it is refused").isPositive();
        assertThat(overload.refused()).isEqualTo(1);
        overload.observe(BEHIND);
        assertThat(overload.admitShare()).isEqualTo(0.25);
        overload.observe(TimeUnit.MILLISECONDS.toNanos(500));
        assertThat(overload.admitShare()).as("far behind cuts hard").isCloseTo(0.025, within(1e-9));
        overload.observe(TimeUnit.MILLISECONDS.toNanos(55));
        assertThat(overload.admitShare()).as("a little over trims a little").isCloseTo(0.025 / 1.1, within(1e-9));
    }

    @Test
    void theShareClimbsBackByATenthPerWindowCaughtUp() {
        overload.observe(BEHIND);
        overload.observe(BEHIND);
        for (int i = 0; i < 7; i++) {
            overload.observe(FINE);
        }
        assertThat(overload.admitShare()).isCloseTo(0.95, within(1e-9));
        overload.observe(FINE);
        assertThat(overload.admitShare()).isEqualTo(1.0);
        draw = 0.999_999;
        assertThat(overload.refuseNew()).isZero();
    }

    @Test
    void retryAfterGrowsWithTheLagWithinOneToTenSeconds() {
        draw = 1;
        overload.observe(LIMIT + 1);
        assertThat(overload.refuseNew()).isEqualTo(1);
        overload.observe(TimeUnit.MILLISECONDS.toNanos(600));
        assertThat(overload.refuseNew()).isEqualTo(3);
        overload.observe(TimeUnit.SECONDS.toNanos(30));
        assertThat(overload.refuseNew()).isEqualTo(10);
    }

    @Test
    void zeroTurnsAdmissionControlOff() {
        Overload off = new Overload(Duration.ZERO, () -> 1.0);
        off.observe(TimeUnit.SECONDS.toNanos(5));
        assertThat(off.refuseNew()).isZero();
        assertThat(off.refused()).isZero();
        assertThat(off.admitShare()).isEqualTo(1.0);
        assertThat(off.lagSeconds()).as("the lag is still reported").isEqualTo(5.0);
    }
}
