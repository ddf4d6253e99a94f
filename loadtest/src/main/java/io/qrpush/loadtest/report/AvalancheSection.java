package io.qrpush.loadtest.report;

import io.qrpush.loadtest.avalanche.AvalancheSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The part of the report an {@code avalanche} run adds, as text and as HTML: how the drained
 * node's clients left and came back, the peak rate of their returns (the authorizes the other
 * node took), the time until everyone was back and who never came back; in HTML also a chart of
 * closes and reconnects per second from the SIGTERM on.
 */
final class AvalancheSection {
    private AvalancheSection() {
    }

    static String text(AvalancheSummary a) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%navalanche: %,d clients on the drained node; after its SIGTERM%n",
                a.subscribers()));
        b.append("  ").append(lines(a).get(0)).append('\n');
        b.append("  ").append(lines(a).get(1)).append('\n');
        b.append(a.clean() ? "  every client came back\n" : "  CLIENTS NEVER CAME BACK\n");
        return b.toString();
    }

    private static List<String> lines(AvalancheSummary a) {
        return List.of(String.format(Locale.ROOT, "%,d told to go, from %s to %s s; %,d back on the other node,"
                        + " the last at %s s; %,d never came back", a.disconnected(), seconds(a.firstDisconnectMillis()),
                seconds(a.lastDisconnectMillis()), a.returned(), seconds(a.everyoneBackMillis()), a.neverBack()),
                String.format(Locale.ROOT, "peak reconnects (authorizes on the other node): %,d in one second",
                        a.peakPerSecond()));
    }

    private static String seconds(long millis) {
        return millis < 0 ? "-" : String.format(Locale.ROOT, "%.1f", millis / 1000.0);
    }

    static void html(StringBuilder b, AvalancheSummary a) {
        b.append("<h2>Avalanche: one node drained</h2><p>");
        b.append(String.format(Locale.ROOT, "%,d clients on the drained node. ", a.subscribers()));
        b.append(SvgChart.esc(lines(a).get(0))).append(".<br>");
        b.append(String.format(Locale.ROOT, "<span class='%s'>%s</span></p>", a.clean() ? "ok" : "bad",
                SvgChart.esc(lines(a).get(1))));
        b.append(chart(a).render());
    }

    static SvgChart chart(AvalancheSummary a) {
        SvgChart c = new SvgChart("Closes and reconnects per second after the SIGTERM", "seconds since SIGTERM",
                "per second", false);
        c.add(new SvgChart.Series("told to go (closed)", points(a.closesPerSecond())));
        c.add(new SvgChart.Series("reconnected (authorize + subscribe)", points(a.returnsPerSecond())));
        return c;
    }

    private static List<double[]> points(List<Long> perSecond) {
        List<double[]> out = new ArrayList<>();
        for (int s = 0; s < perSecond.size(); s++) {
            out.add(new double[] {s, perSecond.get(s)});
        }
        return out;
    }
}
