package io.qrpush.loadtest.avalanche;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AvalancheSummaryTest {
    @Test
    void thePeakIsTheBusiestSecondWhereverItStartsAndTheLastReturnIsEveryoneBack() {
        // Returns at 0.5, 0.9, 1.2, 1.4 and 3.0 s: no whole second holds more than 2, but 0.5-1.4 s holds 4.
        AvalancheSummary a = AvalancheSummary.of(new long[] {0, 100, 200, 300, 400},
                new long[] {500, 900, 1200, 1400, 3000});
        assertThat(a.peakPerSecond()).isEqualTo(4);
        assertThat(a.returnsPerSecond()).isEqualTo(List.of(2L, 2L, 0L, 1L));
        assertThat(a.closesPerSecond()).isEqualTo(List.of(5L, 0L, 0L, 0L));
        assertThat(a.everyoneBackMillis()).isEqualTo(3000);
        assertThat(a.firstDisconnectMillis()).isZero();
        assertThat(a.lastDisconnectMillis()).isEqualTo(400);
        assertThat(a.neverBack()).isZero();
        assertThat(a.clean()).isTrue();
    }

    @Test
    void aClientThatNeverCameBackLeavesNoEveryoneBackTime() {
        AvalancheSummary a = AvalancheSummary.of(new long[] {0, 10, -1}, new long[] {700, -1, -1});
        assertThat(a.disconnected()).isEqualTo(2);
        assertThat(a.returned()).isEqualTo(1);
        assertThat(a.neverBack()).isEqualTo(2);
        assertThat(a.everyoneBackMillis()).isEqualTo(-1);
        assertThat(a.clean()).isFalse();
    }
}
