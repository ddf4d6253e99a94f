package io.qrpush.loadtest.report;

import io.qrpush.loadtest.ledger.ChannelState;
import io.qrpush.loadtest.ledger.LedgerMath;
import io.qrpush.loadtest.ledger.Tally;
import io.qrpush.loadtest.metrics.Histograms;
import io.qrpush.loadtest.metrics.LatencySummary;
import io.qrpush.loadtest.metrics.Sample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Puts a report together: from one process's meters, or from several children's reports, whose
 * histograms are added (never their percentiles averaged) and whose channel books are merged
 * before they are closed, so a message published in one process and received in another is
 * accounted for once.
 */
public final class ReportBuilder {
    /** What describes a run besides its numbers. */
    public record Header(String scenario, String target, String startedAt, Map<String, Object> settings,
                         int processes, double warmupSeconds, double measuredSeconds) {
    }

    private ReportBuilder() {
    }

    /**
     * One process's report. {@code lastDelivery} adds the time until the last subscriber had each
     * message, worked out from the books.
     */
    public static RunReport single(Header h, Map<String, Histogram> totals, Map<String, Long> counters,
                                   Map<String, Long> errors, List<ChannelState> ledger, boolean lastDelivery,
                                   List<Sample> timeline, ServerMemory server, List<String> notes, boolean keepLedger) {
        Map<String, LatencySummary> latencies = new LinkedHashMap<>();
        totals.forEach((k, v) -> latencies.put(k, Histograms.summarize(v)));
        List<ChannelState> merged = LedgerMath.merge(ledger);
        if (lastDelivery) {
            latencies.put("last_delivery", Histograms.summarize(LedgerMath.lastDelivery(merged)));
        }
        Tally tally = merged.isEmpty() ? null : LedgerMath.tally(merged);
        return new RunReport(RunReport.TOOL, h.scenario(), h.target(), h.startedAt(), h.settings(), h.processes(),
                h.warmupSeconds(), h.measuredSeconds(), latencies, counters, errors, tally, timeline, server,
                notes, keepLedger ? ledger : null, null, null, null);
    }

    /** The children's reports as one; {@code timeline} and {@code server} come from the parent. */
    public static RunReport merge(Header h, List<RunReport> children, boolean lastDelivery, List<Sample> timeline,
                                  ServerMemory server, List<String> notes) {
        Map<String, List<String>> encoded = new LinkedHashMap<>();
        Map<String, Long> counters = new TreeMap<>();
        Map<String, Long> errors = new TreeMap<>();
        List<ChannelState> ledger = new ArrayList<>();
        List<String> allNotes = new ArrayList<>(notes);
        for (RunReport c : children) {
            c.latencies().forEach((k, v) -> {
                if (!"last_delivery".equals(k)) {
                    encoded.computeIfAbsent(k, x -> new ArrayList<>()).add(v.hdr());
                }
            });
            c.counters().forEach((k, v) -> counters.merge(k, v, Long::sum));
            c.errors().forEach((k, v) -> errors.merge(k, v, Long::sum));
            if (c.ledger() != null) {
                ledger.addAll(c.ledger());
            }
            if (c.notes() != null) {
                c.notes().stream().filter(n -> !allNotes.contains(n)).forEach(allNotes::add);
            }
        }
        Map<String, Histogram> totals = new LinkedHashMap<>();
        encoded.forEach((k, v) -> totals.put(k, Histograms.merge(v)));
        return single(h, totals, counters, errors, ledger, lastDelivery, timeline, server, allNotes, false);
    }

    /** Adds the same second of several children together (counts summed, histograms added). */
    public static Sample mergeSamples(List<Sample> same) {
        Map<String, Long> counts = new TreeMap<>();
        long conns = 0;
        long errors = 0;
        List<String> hdrs = new ArrayList<>();
        for (Sample s : same) {
            s.counts().forEach((k, v) -> counts.merge(k, v, Long::sum));
            conns += s.connections();
            errors += s.errors();
            hdrs.add(s.hdr());
        }
        Histogram h = Histograms.merge(hdrs);
        boolean any = h.getTotalCount() > 0;
        return new Sample(same.get(0).second(), same.get(0).phase(), conns, counts, errors,
                any ? h.getValueAtPercentile(50) : 0, any ? h.getValueAtPercentile(99) : 0, Histograms.encode(h));
    }
}
