package io.qrpush.server.it;

import java.util.ArrayList;
import java.util.List;

/** Reads samples out of a Prometheus text exposition, as a scraper would. */
final class Prometheus {
    private final List<String> lines = new ArrayList<>();

    Prometheus(String text) {
        text.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).forEach(lines::add);
    }

    static Prometheus scrape(TestServer server) throws Exception {
        var res = server.api("GET", "/metrics", null, null);
        if (res.statusCode() != 200) {
            throw new AssertionError("/metrics answered " + res.statusCode());
        }
        return new Prometheus(res.body());
    }

    /**
     * The value of the sample named {@code name} whose labels include every {@code key=value}
     * given, or 0 when there is none (a counter that never moved is not exposed).
     */
    double value(String name, String... labels) {
        for (String line : lines) {
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            String sampleName = brace >= 0 ? line.substring(0, brace) : line.substring(0, space);
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
                return Double.parseDouble(line.substring(space + 1));
            }
        }
        return 0;
    }

    /** Whether any sample has this name. */
    boolean has(String name) {
        return lines.stream().anyMatch(l -> l.startsWith(name + "{") || l.startsWith(name + " "));
    }
}
