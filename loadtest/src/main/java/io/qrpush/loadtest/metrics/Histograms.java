package io.qrpush.loadtest.metrics;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * HdrHistogram's compressed encoding as base64, the form in which child processes hand their
 * histograms to the parent and in which reports keep them, so that any two runs can be merged
 * exactly later (percentiles cannot be averaged; histograms can be added).
 */
public final class Histograms {
    /** Percentiles drawn in the report's plot, on a log scale towards 100. */
    private static final double[] CURVE = {0, 10, 20, 30, 40, 50, 55, 60, 65, 70, 75, 80, 85, 90, 92.5, 95, 96,
        97, 98, 99, 99.5, 99.75, 99.9, 99.95, 99.99, 99.999, 100};

    private Histograms() {
    }

    /** A new histogram of microseconds, 3 significant digits, resizing itself. */
    public static Histogram micros() {
        Histogram h = new Histogram(3);
        h.setAutoResize(true);
        return h;
    }

    public static String encode(Histogram h) {
        ByteBuffer buf = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int n = h.encodeIntoCompressedByteBuffer(buf);
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buf.array(), n));
    }

    public static Histogram decode(String base64) {
        try {
            Histogram h = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
            h.setAutoResize(true);
            return h;
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("not an encoded HdrHistogram", e);
        }
    }

    /** Adds every encoded histogram into one. */
    public static Histogram merge(List<String> encoded) {
        Histogram sum = micros();
        for (String e : encoded) {
            if (e != null) {
                sum.add(decode(e));
            }
        }
        return sum;
    }

    /** The report's view of one latency: percentiles in µs, the plot's curve and the encoding. */
    public static LatencySummary summarize(Histogram h) {
        List<double[]> curve = new ArrayList<>();
        if (h.getTotalCount() > 0) {
            for (double p : CURVE) {
                curve.add(new double[] {p, h.getValueAtPercentile(p)});
            }
        }
        boolean any = h.getTotalCount() > 0;
        return new LatencySummary(h.getTotalCount(),
                any ? h.getMinValue() : 0, any ? h.getValueAtPercentile(50) : 0, any ? h.getValueAtPercentile(90) : 0,
                any ? h.getValueAtPercentile(99) : 0, any ? h.getValueAtPercentile(99.9) : 0,
                any ? h.getMaxValue() : 0, any ? h.getMean() : 0, curve, encode(h));
    }
}
