package io.qrpush.loadtest.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class HistogramsTest {
    @Test
    void encodedHistogramsMergeExactly() {
        Histogram a = Histograms.micros();
        Histogram b = Histograms.micros();
        Histogram both = Histograms.micros();
        for (int i = 1; i <= 1000; i++) {
            a.recordValue(i);
            both.recordValue(i);
        }
        for (int i = 0; i < 10; i++) {
            b.recordValue(5_000_000);
            both.recordValue(5_000_000);
        }
        Histogram merged = Histograms.merge(List.of(Histograms.encode(a), Histograms.encode(b)));
        assertThat(merged).isEqualTo(both);
        assertThat(merged.getTotalCount()).isEqualTo(1010);
        assertThat(merged.getValueAtPercentile(99.5)).isGreaterThan(4_000_000);
    }

    @Test
    void summaryCarriesPercentilesCurveAndTheEncoding() {
        Histogram h = Histograms.micros();
        for (int i = 1; i <= 100; i++) {
            h.recordValue(i * 1000L);
        }
        LatencySummary s = Histograms.summarize(h);
        assertThat(s.count()).isEqualTo(100);
        assertThat(s.p50()).isBetween(49_900L, 50_100L);
        assertThat(s.p99()).isBetween(98_900L, 99_100L);
        assertThat(s.max()).isBetween(99_900L, 100_100L);
        assertThat(s.curve()).isNotEmpty();
        assertThat(Histograms.decode(s.hdr())).isEqualTo(h);
    }

    @Test
    void anEmptyHistogramSummarizesToZeros() {
        LatencySummary s = Histograms.summarize(Histograms.micros());
        assertThat(s.count()).isZero();
        assertThat(s.p99()).isZero();
        assertThat(s.curve()).isEmpty();
    }

    @Test
    void recorderTicksIntervalsIntoTheTotalAndTheWarmUpIsForgotten() {
        LatencyRecorder r = new LatencyRecorder();
        r.record(10);
        r.record(-5);
        assertThat(r.tick().getTotalCount()).isEqualTo(2);
        r.resetTotal();
        r.record(20);
        assertThat(r.tick().getTotalCount()).isEqualTo(1);
        assertThat(r.total().getTotalCount()).isEqualTo(1);
    }

    @Test
    void samplesCountPerSecondAndSetupLatencySurvivesTheWarmUp() {
        RunMetrics m = new RunMetrics("delivery", "connect");
        m.latency("connect").record(1000);
        m.latency("delivery").record(1000);
        m.count("sent", 5);
        m.error("close:4010");
        Sample s1 = m.tick(1, "warmup");
        m.endWarmup();
        m.count("sent", 2);
        Sample s2 = m.tick(2, "measure");
        assertThat(s1.counts()).containsEntry("sent", 5L);
        assertThat(s1.errors()).isEqualTo(1);
        assertThat(s2.counts()).containsEntry("sent", 2L);
        assertThat(s2.errors()).isZero();
        assertThat(m.totals().get("connect").getTotalCount()).isEqualTo(1);
        assertThat(m.totals().get("delivery").getTotalCount()).isZero();
        assertThat(m.errors()).containsEntry("close:4010", 1L);
    }
}
