package io.qrpush.loadtest.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * One second of a run, for the progress line and the throughput plot.
 *
 * @param phase   setup, warmup, measure, grace or teardown
 * @param counts  what happened in that second, by counter name (sent, received, ...)
 * @param p50     the primary latency's median over that second, µs
 * @param p99     its 99th percentile over that second, µs
 * @param hdr     that second's primary histogram, encoded; carried from child to parent only
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Sample(int second, String phase, long connections, Map<String, Long> counts, long errors,
                     long p50, long p99, String hdr) {
    public Sample withoutHistogram() {
        return new Sample(second, phase, connections, counts, errors, p50, p99, null);
    }
}
