package io.qrpush.loadtest.report;

import io.qrpush.loadtest.jitter.JitterSummary;
import io.qrpush.loadtest.metrics.LatencySummary;
import io.qrpush.loadtest.metrics.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The part of the report a {@code jitter} run adds, as text and as HTML: the sockets cut, the
 * recoveries asked, granted and refused, every subscription's offsets (live, replayed, repeated,
 * never seen) and the replay latency; in HTML also cuts, recoveries and replayed messages per
 * second, the measured window shaded.
 */
final class JitterSection {
    /** The counters drawn per second, as the load tester names them, and their legends. */
    private static final String[][] SERIES = {{"cut", "sockets cut"}, {"recovered", "recovered"},
        {"recovery_refused", "recovered:false"}, {"replayed", "messages replayed"}};

    private JitterSection() {
    }

    static String text(RunReport r) {
        JitterSummary j = r.jitter();
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%njitter: %,d subscribers on %,d history channels over %s, a TCP reset"
                        + " every ~%.0f s per subscriber%n", j.subscribers(), j.channels(), String.join(", ", j.nodes()),
                j.cutEveryMillis() / 1000.0));
        b.append(String.format(Locale.ROOT, "  sockets cut %,d, resubscribed %,d; recoveries asked %,d, recovered %,d,"
                + " refused (recovered:false) %,d%n", j.cuts(), j.reconnects(), j.recoveriesAsked(), j.recovered(),
                j.recoveriesRefused()));
        b.append(String.format(Locale.ROOT, "  offsets: live %,d, replayed %,d, duplicates %,d, gaps %,d (epoch changes"
                + " %,d)%n", j.live(), j.replayed(), j.duplicates(), j.gaps(), j.epochChanges()));
        b.append("  ").append(replayLine(r)).append('\n');
        b.append(j.clean() ? "  every subscription saw every offset once\n"
                : j.subscribers() == 0 ? "  NO SUBSCRIBER COULD SUBSCRIBE (see the errors)\n"
                : "  OFFSETS REPEATED, SKIPPED OR STATED LOST\n");
        return b.toString();
    }

    static String replayLine(RunReport r) {
        LatencySummary l = r.latencies().get("replay");
        if (l == null || l.count() == 0) {
            return "replay latency (publish to delivery in a recovery reply): nothing replayed in the measured time";
        }
        return String.format(Locale.ROOT, "replay latency (publish to delivery in a recovery reply): p50 %s ms,"
                + " p99 %s ms, max %s ms over %,d messages", TextReport.ms(l.p50()), TextReport.ms(l.p99()),
                TextReport.ms(l.max()), l.count());
    }

    static void html(StringBuilder b, RunReport r) {
        JitterSummary j = r.jitter();
        b.append("<h2>Reconnects and recovery</h2><p>");
        b.append(String.format(Locale.ROOT, "%,d subscribers on %,d history channels over %s; a TCP reset every ~%.0f"
                        + " s per subscriber.<br>", j.subscribers(), j.channels(), SvgChart.esc(String.join(", ",
                j.nodes())), j.cutEveryMillis() / 1000.0));
        b.append(String.format(Locale.ROOT, "%,d sockets cut, %,d resubscribed: %,d recoveries asked, %,d recovered,"
                        + " <span class='%s'>%,d refused (recovered:false)</span>.<br>", j.cuts(), j.reconnects(),
                j.recoveriesAsked(), j.recovered(), j.recoveriesRefused() == 0 ? "ok" : "bad", j.recoveriesRefused()));
        b.append(String.format(Locale.ROOT, "Offsets: %,d live, %,d replayed, <span class='%s'>%,d duplicates, %,d"
                        + " gaps</span> (%,d epoch changes).<br>%s</p>", j.live(), j.replayed(), j.clean() ? "ok" : "bad",
                j.duplicates(), j.gaps(), j.epochChanges(), SvgChart.esc(replayLine(r))));
        b.append(perSecond(r.timeline()).render());
    }

    static SvgChart perSecond(List<Sample> timeline) {
        SvgChart c = new SvgChart("Cuts, recoveries and replayed messages per second (shaded: measured window)",
                "seconds since start", "per second", false);
        for (String[] s : SERIES) {
            List<double[]> points = new ArrayList<>();
            for (Sample sample : timeline) {
                points.add(new double[] {sample.second(), sample.counts().getOrDefault(s[0], 0L)});
            }
            c.add(new SvgChart.Series(s[1], points));
        }
        HtmlReport.measuredBand(c, timeline);
        return c;
    }
}
