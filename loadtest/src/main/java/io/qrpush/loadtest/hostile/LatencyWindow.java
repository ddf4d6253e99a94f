package io.qrpush.loadtest.hostile;

import org.HdrHistogram.Histogram;

/** A latency over one {@link Window}, µs. */
public record LatencyWindow(long count, long p50, long p90, long p99, long max) {
    public static LatencyWindow of(Histogram h) {
        if (h.getTotalCount() == 0) {
            return new LatencyWindow(0, 0, 0, 0, 0);
        }
        return new LatencyWindow(h.getTotalCount(), h.getValueAtPercentile(50), h.getValueAtPercentile(90),
                h.getValueAtPercentile(99), h.getMaxValue());
    }
}
