package io.qrpush.loadtest.run;

import io.qrpush.loadtest.metrics.Histograms;
import io.qrpush.loadtest.metrics.Sample;
import java.io.PrintStream;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * The live progress line, once a second: elapsed time, phase, connections, rates, the primary
 * latency over the last second and over the measured time so far, and errors.
 */
public final class ProgressPrinter {
    private final PrintStream out;
    private final String latencyName;
    private final Histogram soFar = Histograms.micros();
    private final boolean console = System.console() != null;
    private long errors;

    public ProgressPrinter(PrintStream out, String latencyName) {
        this.out = out;
        this.latencyName = latencyName;
    }

    public synchronized void print(Sample s) {
        if (s.hdr() != null && "measure".equals(s.phase())) {
            soFar.add(Histograms.decode(s.hdr()));
        }
        errors += s.errors();
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%5ds %-8s conns %6d", s.second(), s.phase(), s.connections()));
        s.counts().forEach((k, v) -> {
            if (v != 0 && !k.startsWith("held")) {
                b.append(String.format(Locale.ROOT, "  %s %d/s", k, v));
            }
        });
        b.append(String.format(Locale.ROOT, "  %s p50 %s p99 %s", latencyName, ms(s.p50()), ms(s.p99())));
        if (soFar.getTotalCount() > 0) {
            b.append(String.format(Locale.ROOT, " (so far p50 %s p99 %s)", ms(soFar.getValueAtPercentile(50)),
                    ms(soFar.getValueAtPercentile(99))));
        }
        b.append("  errors ").append(errors);
        out.println(b);
        if (console) {
            out.flush();
        }
    }

    /** Microseconds as milliseconds for people. */
    public static String ms(double micros) {
        if (micros >= 10_000) {
            return String.format(Locale.ROOT, "%.0fms", micros / 1000);
        }
        return String.format(Locale.ROOT, "%.2fms", micros / 1000);
    }
}
