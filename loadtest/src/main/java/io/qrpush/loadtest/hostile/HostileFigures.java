package io.qrpush.loadtest.hostile;

import io.qrpush.loadtest.metrics.Histograms;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/** The arithmetic of a hostile run's report: probes by window, and when the node was healthy again. */
public final class HostileFigures {
    /** Consecutive good probes that make a node healthy again (one lucky answer does not). */
    static final int HEALTHY_STREAK = 3;

    private HostileFigures() {
    }

    /** The probes by the window they were sent in, keyed by {@link Window#key()}, every window present. */
    public static Map<String, HealthWindow> byWindow(List<Probe> probes, double attackStart, double attackEnd) {
        Map<Window, List<Probe>> split = new EnumMap<>(Window.class);
        for (Window w : Window.values()) {
            split.put(w, new ArrayList<>());
        }
        probes.forEach(p -> split.get(Window.of(p.second(), attackStart, attackEnd)).add(p));
        Map<String, HealthWindow> out = new LinkedHashMap<>();
        split.forEach((w, ps) -> {
            Histogram h = Histograms.micros();
            Map<String, Long> failures = new TreeMap<>();
            for (Probe p : ps) {
                h.recordValue(Math.max(0, p.micros()));
                if (!p.ok()) {
                    failures.merge(p.cause(), 1L, Long::sum);
                }
            }
            long failed = failures.values().stream().mapToLong(Long::longValue).sum();
            out.put(w.key(), new HealthWindow(ps.size(), failed, failures, LatencyWindow.of(h)));
        });
        return out;
    }

    /**
     * Seconds from the attack's end until the first probe sent after it that answered and began a
     * run of {@value #HEALTHY_STREAK} good probes (fewer when the run ended first); null when there
     * was no such probe.
     */
    public static Double recoverySeconds(List<Probe> probes, double attackEnd) {
        if (Double.isNaN(attackEnd)) {
            return null;
        }
        List<Probe> after = probes.stream().filter(p -> p.second() >= attackEnd)
                .sorted(Comparator.comparingDouble(Probe::second)).toList();
        for (int i = 0; i < after.size(); i++) {
            int good = 0;
            for (int j = i; j < after.size() && j < i + HEALTHY_STREAK && after.get(j).ok(); j++) {
                good++;
            }
            if (good == Math.min(HEALTHY_STREAK, after.size() - i)) {
                return after.get(i).second() - attackEnd;
            }
        }
        return null;
    }
}
