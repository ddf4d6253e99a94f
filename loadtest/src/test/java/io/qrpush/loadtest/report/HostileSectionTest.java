package io.qrpush.loadtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.qrpush.loadtest.hostile.AttackResult;
import io.qrpush.loadtest.hostile.HostileFigures;
import io.qrpush.loadtest.hostile.HostileSummary;
import io.qrpush.loadtest.hostile.KindResult;
import io.qrpush.loadtest.hostile.LatencyWindow;
import io.qrpush.loadtest.hostile.Probe;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostileSectionTest {
    private static final LatencyWindow W = new LatencyWindow(100, 1_000, 2_000, 3_000, 4_000);

    private static HostileSummary summary(double start, double end, List<Probe> probes, AttackResult attack) {
        return new HostileSummary(start, end, Map.of("before", W, "during", W, "after", W), 1.0,
                HostileFigures.byWindow(probes, start, end), HostileFigures.recoverySeconds(probes, end), 5,
                "127.0.0.254", 250, 1000, List.of("127.0.0.2"), attack, probes, List.of(new double[] {1, 1000, 3000}),
                List.of(new double[] {start, 10}));
    }

    @Test
    void aNodeThatFailedProbesIsNotHealthyAndTheReportSaysWhy() throws Exception {
        List<Probe> probes = List.of(new Probe(1, 2_000, true, null), new Probe(6, 1_000_000, false, "timeout"),
                new Probe(11, 2_000, true, null));
        AttackResult attack = new AttackResult(Map.of("flood", new KindResult(10, 12, Map.of("connect:refused", 3L), 5,
                2, 3, 1, Map.of("408", 3L), 7, 10_000, 10_500, 0)), 10, 0.1);
        HostileSummary h = summary(5, 10, probes, attack);
        assertThat(h.healthy()).isFalse();
        String text = HostileSection.text(h);
        assertThat(text).contains("flood", "{408=3}", "10.0/10.5 s", "{timeout=1}", "healthy again 1.00 s",
                "NOT HEALTHY");
        StringBuilder html = new StringBuilder();
        HostileSection.html(html, h);
        assertThat(html.toString()).contains("1 of 3 /healthz probes failed", "<circle").doesNotContain("<script");
        RunReport r = new RunReport(RunReport.TOOL, "hostile", "x", "now", Map.of(), 1, 1, 20, Map.of(), Map.of(),
                Map.of(), null, List.of(), null, List.of(), null, h, null, null);
        JsonNode j = ReportFiles.mapper().readTree(ReportFiles.mapper().writeValueAsString(r));
        assertThat(j.path("hostile").path("healthz").path("during").path("failed").asLong()).isEqualTo(1);
        assertThat(j.path("hostile").path("attack").path("kinds").path("flood").path("cut").asLong()).isEqualTo(3);
    }

    @Test
    void anAttackThatNeverRanStillRenders() {
        HostileSummary h = summary(Double.NaN, Double.NaN, List.of(new Probe(1, 2_000, true, null)), null);
        assertThat(h.healthy()).isFalse();
        assertThat(HostileSection.text(h)).contains("NOT healthy again by the end of the run");
        StringBuilder html = new StringBuilder();
        HostileSection.html(html, h);
        assertThat(html.toString()).contains("Under attack");
    }
}
