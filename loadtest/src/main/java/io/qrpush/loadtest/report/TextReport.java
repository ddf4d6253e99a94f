package io.qrpush.loadtest.report;

import io.qrpush.loadtest.ledger.Tally;
import io.qrpush.loadtest.metrics.LatencySummary;
import io.qrpush.loadtest.scenario.MemorySnapshot;
import java.util.Locale;
import java.util.Map;

/** The report as a plain-text table, for the terminal and for pasting into docs. */
public final class TextReport {
    private TextReport() {
    }

    public static String render(RunReport r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "qrpush load test: %s against %s, %s%n", r.scenario(), r.target(),
                r.startedAt()));
        b.append("settings: ").append(r.settings()).append(String.format(Locale.ROOT,
                "; warm-up %.0f s, measured %.0f s, %d process(es)%n%n", r.warmupSeconds(), r.measuredSeconds(),
                r.processes()));
        b.append(String.format(Locale.ROOT, "%-16s %10s %9s %9s %9s %9s %9s %9s%n", "latency (ms)", "count", "p50",
                "p90", "p99", "p99.9", "max", "mean"));
        for (Map.Entry<String, LatencySummary> e : r.latencies().entrySet()) {
            LatencySummary l = e.getValue();
            b.append(String.format(Locale.ROOT, "%-16s %10d %9s %9s %9s %9s %9s %9s%n", e.getKey(), l.count(),
                    ms(l.p50()), ms(l.p90()), ms(l.p99()), ms(l.p999()), ms(l.max()), ms(l.mean())));
        }
        Tally t = r.accounting();
        if (t != null) {
            b.append(String.format(Locale.ROOT, "%npublishes %d: delivered %d, refused %d %s, lost %d"
                            + " (lost deliveries %d of %d expected), duplicates %d, unexpected %d%s%n",
                    t.published(), t.delivered(), t.refused(), t.refusedBy(), t.lost(), t.lostDeliveries(),
                    t.expectedDeliveries(), t.duplicates(), t.unexpected(), t.balanced() ? "" : "  (BOOKS DO NOT BALANCE)"));
        }
        b.append(String.format(Locale.ROOT, "%ncounters: %s%nerrors: %s%n", r.counters(),
                r.errors().isEmpty() ? "none" : r.errors()));
        ServerMemory m = r.server();
        if (m != null) {
            b.append(String.format(Locale.ROOT, "%nserver memory (MB)   %10s %10s %10s %10s %10s %8s %8s %8s %s%n",
                    "heap", "committed", "non-heap", "direct", "RSS", "conns", "subs", "channels", "after GC"));
            for (MemorySnapshot s : m.snapshots()) {
                b.append(String.format(Locale.ROOT, "  %-18s %10s %10s %10s %10s %10s %8.0f %8.0f %8.0f %s%n", s.phase(),
                        mb(s.heapBytes()), mb(s.heapCommittedBytes()), mb(s.nonHeapBytes()), mb(s.directBytes()),
                        mb(s.rssBytes()),
                        s.connections(), s.subscriptions(), s.channels(), s.gcForced() ? "yes" : "no"));
            }
            b.append(String.format(Locale.ROOT, "  per connection (%.0f held): heap %s, RSS %s (of which beside the"
                    + " heap's committed growth %s), non-heap %s%n", m.connections(), kb(m.heapPerConnection()),
                    kb(m.rssPerConnection()), kb(m.rssBesideHeapPerConnection()), kb(m.nonHeapPerConnection())));
            b.append(String.format(Locale.ROOT, "  left after closing: heap %s MB, RSS %s MB, connections %.0f%n",
                    mb(m.heapLeftAfter()), mb(m.rssLeftAfter()), m.connectionsLeftAfter()));
        }
        if (r.hostile() != null) {
            b.append(HostileSection.text(r.hostile()));
        }
        if (r.avalanche() != null) {
            b.append(AvalancheSection.text(r.avalanche()));
        }
        if (r.jitter() != null) {
            b.append(JitterSection.text(r));
        }
        if (r.notes() != null) {
            r.notes().forEach(n -> b.append("note: ").append(n).append('\n'));
        }
        return b.toString();
    }

    static String ms(double micros) {
        return String.format(Locale.ROOT, micros >= 100_000 ? "%.0f" : "%.2f", micros / 1000.0);
    }

    static String mb(double bytes) {
        return Double.isNaN(bytes) ? "n/a" : String.format(Locale.ROOT, "%.1f", bytes / (1 << 20));
    }

    static String kb(double bytes) {
        return Double.isNaN(bytes) ? "n/a" : String.format(Locale.ROOT, "%.2f KB", bytes / 1024);
    }
}
