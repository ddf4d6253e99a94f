package io.qrpush.server.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LoginAdmissionTest {
    private static final long LIMIT = TimeUnit.MILLISECONDS.toNanos(50);
    /** Twice the limit: each window this far behind halves the share. */
    private static final long BEHIND = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long FINE = TimeUnit.MILLISECONDS.toNanos(1);

    /** The random draw a decision compares with the admitted share: below it admits. */
    private double draw;
    private final LoginAdmission admission = new LoginAdmission(Duration.ofMillis(50), () -> draw);

    @Test
    void aNodeThatIsNotBehindAdmitsEverything() {
        admission.observe(FINE);
        admission.observe(LIMIT);
        draw = 0.999_999;
        assertThat(admission.refuseNew()).isZero();
        assertThat(admission.admitShare()).isEqualTo(1.0);
    }

    @Test
    void eachWindowBehindScalesTheShareByLimitOverLag() {
        admission.observe(BEHIND);
        assertThat(admission.admitShare()).isEqualTo(0.5);
        draw = 0.49;
        assertThat(admission.refuseNew()).as("a draw under the share is admitted").isZero();
        draw = 0.51;
        assertThat(admission.refuseNew()).as("a draw over it is refused").isPositive();
        assertThat(admission.refused()).isEqualTo(1);
        admission.observe(BEHIND);
        assertThat(admission.admitShare()).isEqualTo(0.25);
        admission.observe(TimeUnit.MILLISECONDS.toNanos(500));
        assertThat(admission.admitShare()).as("far behind cuts hard").isCloseTo(0.025, within(1e-9));
        admission.observe(TimeUnit.MILLISECONDS.toNanos(55));
        assertThat(admission.admitShare()).as("a little over trims a little").isCloseTo(0.025 / 1.1, within(1e-9));
    }

    @Test
    void theShareClimbsBackByATenthPerWindowCaughtUp() {
        admission.observe(BEHIND);
        admission.observe(BEHIND);
        for (int i = 0; i < 7; i++) {
            admission.observe(FINE);
        }
        assertThat(admission.admitShare()).isCloseTo(0.95, within(1e-9));
        admission.observe(FINE);
        assertThat(admission.admitShare()).isEqualTo(1.0);
        draw = 0.999_999;
        assertThat(admission.refuseNew()).isZero();
    }

    @Test
    void retryAfterGrowsWithTheLagWithinOneToTenSeconds() {
        draw = 1;
        admission.observe(LIMIT + 1);
        assertThat(admission.refuseNew()).isEqualTo(1);
        admission.observe(TimeUnit.MILLISECONDS.toNanos(600));
        assertThat(admission.refuseNew()).isEqualTo(3);
        admission.observe(TimeUnit.SECONDS.toNanos(30));
        assertThat(admission.refuseNew()).isEqualTo(10);
    }

    @Test
    void zeroTurnsAdmissionControlOff() {
        LoginAdmission off = new LoginAdmission(Duration.ZERO, () -> 1.0);
        off.observe(TimeUnit.SECONDS.toNanos(5));
        assertThat(off.refuseNew()).isZero();
        assertThat(off.refused()).isZero();
        assertThat(off.admitShare()).isEqualTo(1.0);
        assertThat(off.lagSeconds()).as("the lag is still reported").isEqualTo(5.0);
    }
}
