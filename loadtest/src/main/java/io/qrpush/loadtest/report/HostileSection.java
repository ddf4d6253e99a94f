package io.qrpush.loadtest.report;

import io.qrpush.loadtest.hostile.HealthWindow;
import io.qrpush.loadtest.hostile.HostileSummary;
import io.qrpush.loadtest.hostile.KindResult;
import io.qrpush.loadtest.hostile.LatencyWindow;
import io.qrpush.loadtest.hostile.Probe;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The part of the report a {@code hostile} run adds, as text and as HTML: what became of the
 * attack's sockets, the legitimate latency and the {@code /healthz} probes before, during and
 * after the attack, the time until the node was healthy again, and charts with the attack shaded.
 */
final class HostileSection {
    private static final String[] WINDOW_NAMES = {"before the attack", "during the attack", "after the attack"};

    private HostileSection() {
    }

    static String text(HostileSummary h) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%nattack from %s, from %.1f s to %.1f s after the load began%n",
                String.join(", ", h.attackAddresses()), h.attackStart(), h.attackEnd()));
        if (h.attack() != null) {
            b.append(String.format(Locale.ROOT, "  the attacker held its sockets %.1f s and closed them in %.2f s%n",
                    h.attack().attackSeconds(), h.attack().releaseSeconds()));
            b.append(String.format(Locale.ROOT, "  %-10s %8s %8s %8s %9s %8s %8s %8s %15s %8s  %s%n", "sockets",
                    "at once", "opened", "conn.err", "by server", "at once", "cut", "reset", "cut after p50/max",
                    "held", "answers"));
            h.attack().kinds().forEach((k, r) -> b.append(String.format(Locale.ROOT,
                    "  %-10s %8d %8d %8d %9d %8d %8d %8d %15s %8d  %s%n", k, r.heldAtOnce(), r.opened(),
                    r.connectFailures(), r.endedByServer(), r.endedAtOnce(), r.cut(), r.reset(), cutAfter(r),
                    r.heldToEnd(), r.answers().isEmpty() ? "none" : r.answers())));
            b.append("  (by server: ended by the server; at once: within 1 s of connecting, i.e. refused; cut: later;"
                    + " held: still open when the attack let go)\n");
        }
        b.append(String.format(Locale.ROOT, "%nlegitimate delivery (ms)  %10s %9s %9s %9s %9s%n", "count", "p50", "p90",
                "p99", "max"));
        int i = 0;
        for (LatencyWindow w : h.delivery().values()) {
            b.append(String.format(Locale.ROOT, "  %-22s %10d %9s %9s %9s %9s%n", WINDOW_NAMES[i++], w.count(),
                    TextReport.ms(w.p50()), TextReport.ms(w.p90()), TextReport.ms(w.p99()), TextReport.ms(w.max())));
        }
        b.append("  ").append(ratio(h)).append('\n');
        b.append(String.format(Locale.ROOT, "%n/healthz from %s every %d ms, timeout %d ms, a new connection each%n",
                h.probeAddress(), h.probeEveryMillis(), h.probeTimeoutMillis()));
        b.append(String.format(Locale.ROOT, "  %-22s %10s %9s %9s %9s %9s  %s%n", "probes (ms)", "count", "failed",
                "p50", "p99", "max", "failures"));
        i = 0;
        for (HealthWindow w : h.healthz().values()) {
            b.append(String.format(Locale.ROOT, "  %-22s %10d %9d %9s %9s %9s  %s%n", WINDOW_NAMES[i++], w.probes(),
                    w.failed(), TextReport.ms(w.latency().p50()), TextReport.ms(w.latency().p99()),
                    TextReport.ms(w.latency().max()), w.failures().isEmpty() ? "none" : w.failures()));
        }
        b.append("  ").append(recovery(h)).append('\n');
        b.append(h.healthy() ? "node: healthy throughout and after the attack\n"
                : "node: NOT HEALTHY (failed probes, or not healthy again in time)\n");
        return b.toString();
    }

    private static String cutAfter(KindResult r) {
        return r.cut() == 0 ? "-" : String.format(Locale.ROOT, "%.1f/%.1f s", r.cutAfterP50Ms() / 1000,
                r.cutAfterMaxMs() / 1000);
    }

    static String ratio(HostileSummary h) {
        if (Double.isNaN(h.p99Ratio())) {
            return "p99 during the attack against before it: not measured (a window without deliveries)";
        }
        return String.format(Locale.ROOT, "p99 during the attack is %.2fx the p99 before it (target: within 2x)",
                h.p99Ratio());
    }

    static String recovery(HostileSummary h) {
        if (h.recoverySeconds() == null) {
            return "NOT healthy again by the end of the run";
        }
        return String.format(Locale.ROOT, "healthy again %.2f s after the attack let go (target: within %.0f s)",
                h.recoverySeconds(), h.recoveryTargetSeconds());
    }

    static void html(StringBuilder b, HostileSummary h) {
        b.append("<h2>Under attack</h2><p>");
        b.append(String.format(Locale.ROOT, "Attack from %s, from %.1f s to %.1f s after the load began.<br>",
                SvgChart.esc(String.join(", ", h.attackAddresses())), h.attackStart(), h.attackEnd()));
        b.append(String.format(Locale.ROOT, "<span class='%s'>%s</span><br>",
                h.p99Ratio() <= 2 ? "ok" : "bad", SvgChart.esc(ratio(h))));
        long probes = h.healthz().values().stream().mapToLong(HealthWindow::probes).sum();
        long failed = h.healthz().values().stream().mapToLong(HealthWindow::failed).sum();
        b.append(String.format(Locale.ROOT, "<span class='%s'>%,d of %,d /healthz probes failed; %s</span></p>",
                h.healthy() ? "ok" : "bad", failed, probes, SvgChart.esc(recovery(h))));
        b.append(healthzChart(h).render());
        b.append(deliveryChart(h).render());
        b.append(attackChart(h).render());
    }

    static SvgChart healthzChart(HostileSummary h) {
        SvgChart c = new SvgChart("/healthz latency per probe (shaded: the attack)", "seconds since the load began",
                "ms (log scale)", true);
        List<double[]> ok = new ArrayList<>();
        List<double[]> failed = new ArrayList<>();
        for (Probe p : h.probes()) {
            (p.ok() ? ok : failed).add(new double[] {p.second(), Math.max(p.micros(), 1) / 1000.0});
        }
        ok.sort((x, y) -> Double.compare(x[0], y[0]));
        c.add(new SvgChart.Series("answered 200", ok)).add(new SvgChart.Series("failed (time to fail)", failed, true));
        return shaded(c, h);
    }

    static SvgChart deliveryChart(HostileSummary h) {
        SvgChart c = new SvgChart("Legitimate delivery latency per second (shaded: the attack)",
                "seconds since the load began", "ms (log scale)", true);
        List<double[]> p50 = new ArrayList<>();
        List<double[]> p99 = new ArrayList<>();
        for (double[] s : h.deliveryTimeline()) {
            p50.add(new double[] {s[0], Math.max(s[1], 1) / 1000.0});
            p99.add(new double[] {s[0], Math.max(s[2], 1) / 1000.0});
        }
        c.add(new SvgChart.Series("p50", p50)).add(new SvgChart.Series("p99", p99));
        return shaded(c, h);
    }

    static SvgChart attackChart(HostileSummary h) {
        SvgChart c = new SvgChart("Attack sockets open (the attacker's count)", "seconds since the load began",
                "sockets", false);
        // None open before the attack and after it, over the same span as the other charts.
        List<double[]> open = new ArrayList<>();
        open.add(new double[] {0, 0});
        if (!Double.isNaN(h.attackStart())) {
            open.add(new double[] {h.attackStart(), 0});
        }
        open.addAll(h.attackTimeline());
        if (!Double.isNaN(h.attackEnd())) {
            open.add(new double[] {h.attackEnd(), 0});
        }
        double last = h.probes().stream().mapToDouble(Probe::second).max().orElse(0);
        if (last > open.get(open.size() - 1)[0]) {
            open.add(new double[] {last, 0});
        }
        c.add(new SvgChart.Series("open", open));
        return shaded(c, h);
    }

    private static SvgChart shaded(SvgChart c, HostileSummary h) {
        if (!Double.isNaN(h.attackStart())) {
            c.band(h.attackStart(), Double.isNaN(h.attackEnd()) ? Double.MAX_VALUE : h.attackEnd());
        }
        return c;
    }
}
