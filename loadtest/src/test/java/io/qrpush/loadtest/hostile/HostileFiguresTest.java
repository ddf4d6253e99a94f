package io.qrpush.loadtest.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostileFiguresTest {
    /** Probes every 0.25 s from {@code from} to {@code to}, failing (timeout) where {@code failing} says. */
    private static List<Probe> probes(double from, double to, java.util.function.DoublePredicate failing) {
        List<Probe> out = new ArrayList<>();
        for (double t = from; t < to; t += 0.25) {
            boolean bad = failing.test(t);
            out.add(new Probe(t, bad ? 1_000_000 : 2_000, !bad, bad ? "timeout" : null));
        }
        return out;
    }

    @Test
    void windowsSplitTheProbesByWhenTheyWereSent() {
        List<Probe> ps = probes(0, 30, t -> t >= 12 && t < 15);
        Map<String, HealthWindow> w = HostileFigures.byWindow(ps, 10, 20);
        assertThat(w).containsOnlyKeys("before", "during", "after");
        assertThat(w.get("before").probes()).isEqualTo(40);
        assertThat(w.get("during").probes()).isEqualTo(40);
        assertThat(w.get("after").probes()).isEqualTo(40);
        assertThat(w.get("before").failed()).isZero();
        assertThat(w.get("during").failed()).isEqualTo(12);
        assertThat(w.get("during").failures()).containsEntry("timeout", 12L);
        // A failed probe counts with the time it took to fail.
        assertThat(w.get("during").latency().max()).isBetween(999_000L, 1_001_000L);
        assertThat(w.get("after").latency().max()).isBetween(1_990L, 2_010L);
    }

    @Test
    void anAttackThatNeverBeganLeavesEveryProbeBefore() {
        Map<String, HealthWindow> w = HostileFigures.byWindow(probes(0, 5, t -> false), Double.NaN, Double.NaN);
        assertThat(w.get("before").probes()).isEqualTo(20);
        assertThat(w.get("during").probes()).isZero();
        assertThat(w.get("during").latency().count()).isZero();
    }

    @Test
    void aNodeHealthyThroughoutRecoversWithTheFirstProbeAfterTheAttack() {
        assertThat(HostileFigures.recoverySeconds(probes(0, 30, t -> false), 20.1)).isCloseTo(0.15,
                org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void recoveryWaitsForARunOfGoodProbesNotOneLuckyAnswer() {
        // Failing until 23 s after an attack that ended at 20 s, except one lucky answer at 21.5 s.
        List<Probe> ps = probes(0, 30, t -> t >= 20 && t < 23 && t != 21.5);
        assertThat(HostileFigures.recoverySeconds(ps, 20)).isEqualTo(3.0);
    }

    @Test
    void noRecoveryWhenTheNodeNeverAnswersAgainOrTheAttackNeverEnded() {
        assertThat(HostileFigures.recoverySeconds(probes(0, 30, t -> t >= 20), 20)).isNull();
        assertThat(HostileFigures.recoverySeconds(probes(0, 30, t -> false), Double.NaN)).isNull();
    }

    @Test
    void goodProbesUpToTheEndOfTheRunCountEvenWhenFewerThanTheStreak() {
        List<Probe> ps = probes(0, 20.5, t -> t >= 15 && t < 20.25);
        assertThat(HostileFigures.recoverySeconds(ps, 15)).isEqualTo(5.25);
    }

    @Test
    void windowsSplitAtTheAttacksStartAndEnd() {
        assertThat(Window.of(9.99, 10, 20)).isEqualTo(Window.BEFORE);
        assertThat(Window.of(10, 10, 20)).isEqualTo(Window.DURING);
        assertThat(Window.of(25, 10, Double.NaN)).isEqualTo(Window.DURING);
        assertThat(Window.of(20, 10, 20)).isEqualTo(Window.AFTER);
    }
}
