package io.qrpush.loadtest.scenario;

import java.util.ArrayList;
import java.util.List;

/** Samples out of a Prometheus text exposition, summed over the series that match. */
public final class PrometheusText {
    private final List<String> lines = new ArrayList<>();

    public PrometheusText(String text) {
        text.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).forEach(lines::add);
    }

    /**
     * The sum of every sample named {@code name} whose labels include each {@code key=value};
     * NaN when none matches (the server does not expose it).
     */
    public double sum(String name, String... labels) {
        double total = 0;
        boolean found = false;
        for (String line : lines) {
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            String sampleName = brace >= 0 && brace < space ? line.substring(0, brace) : line.substring(0, space);
            if (!sampleName.equals(name)) {
                continue;
            }
            String labelText = brace >= 0 ? line.substring(brace, line.lastIndexOf('}') + 1) : "";
            boolean all = true;
            for (String l : labels) {
                int eq = l.indexOf('=');
                String wanted = l.substring(0, eq) + "=\"" + l.substring(eq + 1) + "\"";
                all &= labelText.contains("{" + wanted) || labelText.contains("," + wanted);
            }
            if (all) {
                try {
                    total += Double.parseDouble(line.substring(space + 1));
                    found = true;
                } catch (NumberFormatException e) {
                    // A sample we cannot read counts as absent.
                }
            }
        }
        return found ? total : Double.NaN;
    }
}
