package io.qrpush.loadtest.report;

import io.qrpush.loadtest.metrics.LatencySummary;
import io.qrpush.loadtest.metrics.Sample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report as one HTML page for a person: the summary, the latency percentile plot (log
 * scales, as HdrHistogram's plotter draws it), throughput and latency over time, errors and the
 * text table. Self-contained: inline CSS and SVG, nothing fetched.
 */
public final class HtmlReport {
    private HtmlReport() {
    }

    public static String render(RunReport r) {
        StringBuilder b = new StringBuilder();
        b.append("<!doctype html><html lang='en'><head><meta charset='utf-8'><title>qrpush load test: ")
                .append(SvgChart.esc(r.scenario())).append("</title><style>")
                .append("body{font-family:sans-serif;margin:24px;color:#222;max-width:900px}")
                .append("table{border-collapse:collapse;margin:8px 0 16px}td,th{border:1px solid #ccc;padding:3px 8px;")
                .append("text-align:right}th{background:#f3f3f3}td:first-child{text-align:left}")
                .append(".bad{color:#b00;font-weight:bold}.ok{color:#070}pre{background:#f7f7f7;padding:8px;")
                .append("font-size:11px;overflow-x:auto}</style></head><body>");
        b.append("<h1>qrpush load test: ").append(SvgChart.esc(r.scenario())).append("</h1>");
        b.append("<p>").append(SvgChart.esc(r.target())).append(", started ").append(SvgChart.esc(r.startedAt()))
                .append(String.format(Locale.ROOT, ", warm-up %.0f s, measured %.0f s, %d process(es).<br>",
                        r.warmupSeconds(), r.measuredSeconds(), r.processes()))
                .append(SvgChart.esc(String.valueOf(r.settings()))).append("</p>");
        verdict(b, r);
        latencyTable(b, r);
        b.append(percentilePlot(r).render());
        b.append(throughputPlot(r.timeline()).render());
        b.append(latencyOverTime(r).render());
        if (r.hostile() != null) {
            HostileSection.html(b, r.hostile());
        }
        if (r.avalanche() != null) {
            AvalancheSection.html(b, r.avalanche());
        }
        if (r.jitter() != null) {
            JitterSection.html(b, r);
        }
        b.append("<h2>Full text report</h2><pre>").append(SvgChart.esc(TextReport.render(r))).append("</pre>");
        return b.append("</body></html>\n").toString();
    }

    private static void verdict(StringBuilder b, RunReport r) {
        long errors = r.totalErrors();
        b.append("<p>");
        if (r.accounting() != null) {
            var t = r.accounting();
            b.append(String.format(Locale.ROOT, "<span class='%s'>%,d published: %,d delivered, %,d refused, %,d lost,"
                    + " %,d duplicates</span><br>", t.lost() + t.refused() + t.duplicates() == 0 ? "ok" : "bad",
                    t.published(), t.delivered(), t.refused(), t.lost(), t.duplicates()));
        }
        b.append(String.format(Locale.ROOT, "<span class='%s'>%,d errors</span> %s</p>", errors == 0 ? "ok" : "bad",
                errors, errors == 0 ? "" : SvgChart.esc(r.errors().toString())));
    }

    private static void latencyTable(StringBuilder b, RunReport r) {
        b.append("<table><tr><th>latency (ms)</th><th>count</th><th>p50</th><th>p90</th><th>p99</th><th>p99.9</th>"
                + "<th>max</th></tr>");
        r.latencies().forEach((k, l) -> b.append(String.format(Locale.ROOT,
                "<tr><td>%s</td><td>%,d</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>",
                SvgChart.esc(k), l.count(), TextReport.ms(l.p50()), TextReport.ms(l.p90()), TextReport.ms(l.p99()),
                TextReport.ms(l.p999()), TextReport.ms(l.max()))));
        b.append("</table>");
    }

    /** x is log10(1 / (1 - p)): 90% at 1, 99% at 2, 99.9% at 3 ... */
    static SvgChart percentilePlot(RunReport r) {
        SvgChart c = new SvgChart("Latency by percentile (measured window)", "percentile", "ms (log scale)", true);
        for (Map.Entry<String, LatencySummary> e : r.latencies().entrySet()) {
            List<double[]> pts = new ArrayList<>();
            for (double[] p : e.getValue().curve()) {
                pts.add(new double[] {Math.log10(1 / Math.max(1e-6, 1 - p[0] / 100)), Math.max(p[1], 1) / 1000.0});
            }
            c.add(new SvgChart.Series(e.getKey(), pts));
        }
        String[] labels = {"0%", "90%", "99%", "99.9%", "99.99%", "99.999%", "max"};
        for (int i = 0; i < labels.length; i++) {
            c.xTick(i, labels[i]);
        }
        return c;
    }

    static SvgChart throughputPlot(List<Sample> timeline) {
        SvgChart c = new SvgChart("Throughput per second", "seconds since start", "per second", false);
        Map<String, List<double[]>> lines = new LinkedHashMap<>();
        List<double[]> conns = new ArrayList<>();
        for (Sample s : timeline) {
            s.counts().forEach((k, v) -> lines.computeIfAbsent(k, x -> new ArrayList<>())
                    .add(new double[] {s.second(), v}));
            conns.add(new double[] {s.second(), s.connections()});
        }
        lines.forEach((k, v) -> {
            if (!k.equals("held") && v.stream().anyMatch(p -> p[1] > 0)) {
                c.add(new SvgChart.Series(k, v));
            }
        });
        c.add(new SvgChart.Series("open connections", conns));
        measuredBand(c, timeline);
        return c;
    }

    static SvgChart latencyOverTime(RunReport r) {
        String name = r.latencies().isEmpty() ? "latency" : r.latencies().keySet().iterator().next();
        SvgChart c = new SvgChart(name + " per second (shaded: measured window)", "seconds since start",
                "ms (log scale)", true);
        List<double[]> p50 = new ArrayList<>();
        List<double[]> p99 = new ArrayList<>();
        for (Sample s : r.timeline()) {
            if (s.p99() > 0) {
                p50.add(new double[] {s.second(), Math.max(s.p50(), 1) / 1000.0});
                p99.add(new double[] {s.second(), Math.max(s.p99(), 1) / 1000.0});
            }
        }
        c.add(new SvgChart.Series("p50", p50)).add(new SvgChart.Series("p99", p99));
        measuredBand(c, r.timeline());
        return c;
    }

    static void measuredBand(SvgChart c, List<Sample> timeline) {
        double from = Double.NaN;
        double to = Double.NaN;
        for (Sample s : timeline) {
            if ("measure".equals(s.phase())) {
                from = Double.isNaN(from) ? s.second() - 1 : from;
                to = s.second();
            }
        }
        if (!Double.isNaN(from)) {
            c.band(from, to);
        }
    }
}
