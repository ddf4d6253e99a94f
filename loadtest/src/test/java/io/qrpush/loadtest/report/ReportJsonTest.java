package io.qrpush.loadtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qrpush.loadtest.ledger.ChannelLedger;
import io.qrpush.loadtest.ledger.Ledger;
import io.qrpush.loadtest.metrics.RunMetrics;
import io.qrpush.loadtest.scenario.MemorySnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import io.qrpush.loadtest.metrics.Sample;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportJsonTest {
    private final ObjectMapper mapper = ReportFiles.mapper();

    /** A small fan-out run as one child process would report it. */
    private static RunReport child(long latency, boolean publisher) {
        RunMetrics m = new RunMetrics("delivery", "publish_reply", "connect");
        m.latency("delivery").record(latency);
        m.count("received");
        m.tick(1, "measure");
        List<Sample> timeline = m.timeline();
        Ledger ledger = new Ledger();
        ChannelLedger c = ledger.channel("f");
        c.addSubscriber();
        if (publisher) {
            c.sent(0, 0);
            c.acked(0);
        }
        c.received(0, latency);
        ReportBuilder.Header h = new ReportBuilder.Header("fanout", "http://127.0.0.1:1", "now", Map.of("subscribers", 2),
                1, 1, 2);
        return ReportBuilder.single(h, m.totals(), m.counters(), m.errors(), ledger.states(), true, timeline, null,
                List.of(), true);
    }

    @Test
    void theJsonHasTheDocumentedShape() throws Exception {
        JsonNode j = mapper.readTree(mapper.writeValueAsString(child(1500, true).withoutLedger()));
        assertThat(j.path("scenario").asText()).isEqualTo("fanout");
        assertThat(j.path("latencies").path("delivery").path("p99").asLong()).isBetween(1490L, 1510L);
        assertThat(j.path("latencies").path("delivery").path("hdr").asText()).isNotEmpty();
        assertThat(j.path("latencies").has("last_delivery")).isTrue();
        assertThat(j.path("accounting").path("published").asLong()).isEqualTo(1);
        assertThat(j.path("accounting").path("delivered").asLong()).isEqualTo(1);
        for (String f : List.of("refused", "refusedBy", "lost", "duplicates", "lostDeliveries")) {
            assertThat(j.path("accounting").has(f)).as(f).isTrue();
        }
        assertThat(j.path("timeline").get(0).path("counts").path("received").asLong()).isEqualTo(1);
        assertThat(j.path("timeline").get(0).has("hdr")).isFalse();
        assertThat(j.has("errors")).isTrue();
        assertThat(j.has("ledger")).isFalse();
    }

    @Test
    void childrenReadBackMergeIntoOneReport() throws Exception {
        RunReport a = mapper.readValue(mapper.writeValueAsString(child(1000, true)), RunReport.class);
        RunReport b = mapper.readValue(mapper.writeValueAsString(child(9000, false)), RunReport.class);
        ReportBuilder.Header h = new ReportBuilder.Header("fanout", "x", "now", Map.of(), 2, 1, 2);
        RunReport merged = ReportBuilder.merge(h, List.of(a, b), true, List.of(), null, List.of());
        assertThat(merged.latencies().get("delivery").count()).isEqualTo(2);
        assertThat(merged.latencies().get("delivery").max()).isBetween(8990L, 9010L);
        assertThat(merged.accounting().published()).isEqualTo(1);
        assertThat(merged.accounting().delivered()).isEqualTo(1);
        assertThat(merged.accounting().expectedDeliveries()).isEqualTo(2);
        assertThat(merged.latencies().get("last_delivery").max()).isBetween(8990L, 9010L);
        assertThat(merged.counters()).containsEntry("received", 2L);
    }

    @Test
    void serverMemoryPerConnectionIsTheGrowthOverTheConnectionsHeld() throws Exception {
        ServerMemory m = ServerMemory.of(List.of(
                new MemorySnapshot("baseline", 100e6, 150e6, 50e6, 1e6, 200e6, 0, 0, 0, true),
                new MemorySnapshot("loaded", 140e6, 230e6, 52e6, 1e6, 300e6, 10_000, 10_000, 10_000, true),
                new MemorySnapshot("after", 101e6, 230e6, 52e6, 1e6, 290e6, 0, 0, 0, true)));
        assertThat(m.connections()).isEqualTo(10_000);
        assertThat(m.heapPerConnection()).isEqualTo(4000);
        assertThat(m.rssPerConnection()).isEqualTo(10_000);
        // 100 MB more RSS, of which 80 MB is heap the JVM committed: 2,000 bytes a connection beside it.
        assertThat(m.rssBesideHeapPerConnection()).isEqualTo(2_000);
        assertThat(m.heapLeftAfter()).isEqualTo(1e6);
        assertThat(m.connectionsLeftAfter()).isZero();
        ServerMemory back = mapper.readValue(mapper.writeValueAsString(m), ServerMemory.class);
        assertThat(back.heapPerConnection()).isEqualTo(4000);
    }

    @Test
    void theHtmlPageIsSelfContainedWithItsPlots(@TempDir Path dir) throws Exception {
        List<Path> files = ReportFiles.write(child(2500, true).withoutLedger(), dir);
        assertThat(files).hasSize(3).allMatch(Files::exists);
        String html = Files.readString(files.get(2));
        assertThat(html).contains("<svg", "Latency by percentile", "Throughput per second", "delivery");
        assertThat(html).doesNotContain("<script", "src=", "href=");
        assertThat(Files.readString(files.get(1))).contains("publishes 1: delivered 1, refused 0");
    }
}
