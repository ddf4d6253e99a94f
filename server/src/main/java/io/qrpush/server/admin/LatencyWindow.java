package io.qrpush.server.admin;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import java.util.concurrent.TimeUnit;

/**
 * Percentiles of one timer over the last interval, from the difference of two snapshots of its
 * bucket counts. Why buckets and not the timer's own percentiles: the Prometheus timer keeps
 * cumulative buckets (for {@code histogram_quantile} on the scrape side) and no client-side
 * percentiles, and the page wants the figure of the last second, not of the node's whole life.
 * The answer is the upper bound of the bucket the percentile falls in, as Prometheus would give.
 */
final class LatencyWindow {
    /** The timer's counts at one moment: per bucket, the values at or below its bound, since start. */
    record Counts(double[] boundsMillis, double[] atOrBelow, long total) {
        static Counts of(Timer timer) {
            if (timer == null) {
                return new Counts(new double[0], new double[0], 0);
            }
            HistogramSnapshot s = timer.takeSnapshot();
            CountAtBucket[] buckets = s.histogramCounts();
            double[] bounds = new double[buckets.length];
            double[] counts = new double[buckets.length];
            for (int i = 0; i < buckets.length; i++) {
                bounds[i] = buckets[i].bucket(TimeUnit.MILLISECONDS);
                counts[i] = buckets[i].count();
            }
            return new Counts(bounds, counts, s.count());
        }
    }

    private LatencyWindow() {
    }

    /**
     * The {@code quantile} (0..1) of the values recorded between {@code before} and {@code after},
     * in milliseconds; null when none were. A value past the last bucket counts as the last bound.
     */
    static Double percentile(Counts before, Counts after, double quantile) {
        long n = after.total() - before.total();
        if (n <= 0 || after.boundsMillis().length == 0) {
            return null;
        }
        double rank = Math.ceil(quantile * n);
        boolean sameBuckets = before.atOrBelow().length == after.atOrBelow().length;
        for (int i = 0; i < after.boundsMillis().length; i++) {
            double inWindow = after.atOrBelow()[i] - (sameBuckets ? before.atOrBelow()[i] : 0);
            if (inWindow >= rank) {
                return after.boundsMillis()[i];
            }
        }
        return after.boundsMillis()[after.boundsMillis().length - 1];
    }
}
