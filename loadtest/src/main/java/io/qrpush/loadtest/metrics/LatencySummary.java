package io.qrpush.loadtest.metrics;

import java.util.List;

/**
 * One latency in a report, all values in microseconds.
 *
 * @param curve [percentile, value] pairs for the plot
 * @param hdr   the histogram itself (HdrHistogram compressed, base64), for exact merging
 */
public record LatencySummary(long count, long min, long p50, long p90, long p99, long p999, long max, double mean,
                             List<double[]> curve, String hdr) {
}
