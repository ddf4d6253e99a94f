package io.qrpush.server.drain;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrpush.protocol.ReconnectDelay;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DrainPlanTest {
    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    @Test
    void clientsAreDueEvenlyOverTheWindowTheFirstAtOnce() {
        DrainPlan plan = new DrainPlan(18_000, Duration.ofSeconds(10));
        assertThat(plan.dueBy(ms(0))).isEqualTo(1);
        assertThat(plan.dueBy(ms(100))).as("one batch: 1,800 a second").isEqualTo(181);
        assertThat(plan.dueBy(ms(5000))).isEqualTo(9001);
        assertThat(plan.dueBy(ms(9999))).as("the last is due 0.56 ms before the window ends").isEqualTo(17_999);
        assertThat(plan.dueBy(ms(10_000))).isEqualTo(18_000);
        assertThat(plan.dueBy(ms(12_000))).isEqualTo(18_000);
    }

    @Test
    void fewClientsAreSpacedTooNotToldTogether() {
        DrainPlan plan = new DrainPlan(4, Duration.ofSeconds(2));
        assertThat(plan.dueBy(ms(0))).isEqualTo(1);
        assertThat(plan.dueBy(ms(499))).isEqualTo(1);
        assertThat(plan.dueBy(ms(500))).isEqualTo(2);
        assertThat(plan.dueBy(ms(1500))).isEqualTo(4);
    }

    @Test
    void aZeroWindowTellsEveryoneAtOnceWithoutADelay() {
        DrainPlan plan = new DrainPlan(500, Duration.ZERO);
        assertThat(plan.dueBy(ms(0))).isEqualTo(500);
        assertThat(plan.delay()).isNull();
        assertThat(new DrainPlan(0, Duration.ofSeconds(10)).dueBy(ms(0))).isZero();
    }

    @Test
    void theDelayIsAtMostOneSecondAndNeverWiderThanTheWindow() {
        assertThat(new DrainPlan(10, Duration.ofSeconds(10)).delay()).isEqualTo(new ReconnectDelay(0, 1000));
        assertThat(new DrainPlan(10, ms(300)).delay()).isEqualTo(new ReconnectDelay(0, 300));
    }
}
