package io.qrpush.loadtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.qrpush.loadtest.jitter.JitterSummary;
import io.qrpush.loadtest.metrics.LatencySummary;
import io.qrpush.loadtest.metrics.Sample;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JitterSectionTest {
    private static final LatencySummary REPLAY = new LatencySummary(40, 1_000, 12_000, 20_000, 45_000, 50_000, 60_000,
            15_000, List.of(), "");

    private static RunReport report(JitterSummary j) {
        List<Sample> timeline = List.of(new Sample(1, "warmup", 4, Map.of("cut", 1L), 0, 0, 0, null),
                new Sample(2, "measure", 4, Map.of("cut", 2L, "recovered", 2L, "replayed", 3L), 0, 0, 0, null));
        return new RunReport(RunReport.TOOL, "jitter", "x", "now", Map.of(), 1, 1, 2, Map.of("replay", REPLAY), Map.of(),
                Map.of(), null, timeline, null, List.of(), null, null, j, null);
    }

    @Test
    void aRunThatSkippedAnOffsetSaysSoInTextHtmlAndJson() throws Exception {
        JitterSummary j = new JitterSummary(2, 4, List.of("http://127.0.0.1:8091", "http://127.0.0.1:8092"), 15_000, 9,
                9, 9, 8, 1, 100, 12, 0, 3, 1);
        assertThat(j.clean()).isFalse();
        RunReport r = report(j);
        assertThat(JitterSection.text(r)).contains("4 subscribers on 2 history channels over http://127.0.0.1:8091,"
                        + " http://127.0.0.1:8092", "refused (recovered:false) 1", "gaps 3 (epoch changes 1)",
                "p50 12.00 ms, p99 45.00 ms", "OFFSETS REPEATED, SKIPPED OR STATED LOST");
        String html = HtmlReport.render(r);
        assertThat(html).contains("Reconnects and recovery", "Cuts, recoveries and replayed messages per second",
                "<span class='bad'>1 refused").doesNotContain("<script");
        JsonNode json = ReportFiles.mapper().readTree(ReportFiles.mapper().writeValueAsString(r));
        assertThat(json.path("jitter").path("gaps").asLong()).isEqualTo(3);
    }

    @Test
    void aCleanRunSaysEveryOffsetCameOnce() {
        JitterSummary j = new JitterSummary(2, 4, List.of("http://127.0.0.1:8080"), 15_000, 9, 9, 9, 9, 0, 100, 12, 0,
                0, 0);
        assertThat(j.clean()).isTrue();
        assertThat(JitterSection.text(report(j))).contains("every subscription saw every offset once");
    }

    @Test
    void oneGapOrOneDuplicateAloneIsNotClean() {
        assertThat(new JitterSummary(1, 1, List.of(), 1, 1, 1, 1, 1, 0, 1, 1, 0, 1, 0).clean()).as("a gap").isFalse();
        assertThat(new JitterSummary(1, 1, List.of(), 1, 1, 1, 1, 1, 0, 1, 1, 1, 0, 0).clean()).as("a duplicate")
                .isFalse();
        JitterSummary nobody = new JitterSummary(1, 0, List.of(), 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        assertThat(nobody.clean()).as("nobody subscribed").isFalse();
        assertThat(JitterSection.text(report(nobody))).contains("NO SUBSCRIBER COULD SUBSCRIBE");
    }
}
