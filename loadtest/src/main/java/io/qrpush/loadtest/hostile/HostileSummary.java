package io.qrpush.loadtest.hostile;

import java.util.List;
import java.util.Map;

/**
 * What a hostile run adds to the report. Times are seconds since the load began.
 *
 * @param attackStart      when the attacking process began (NaN: it never did)
 * @param attackEnd        when it had let go of every socket (NaN: it never did)
 * @param delivery         the legitimate clients' delivery latency by {@link Window} (by when it was received)
 * @param p99Ratio         delivery p99 during the attack over p99 before it (NaN without both)
 * @param healthz          the {@code /healthz} probes by window
 * @param recoverySeconds  from the attack's end until the node was healthy again; null: not by the end of the run
 * @param attack           what became of the attack's sockets; null when the attacking process left no result
 * @param probes           every probe, for the chart
 * @param deliveryTimeline [second, p50 µs, p99 µs] of the legitimate delivery latency, once a second
 * @param attackTimeline   [second, attack sockets open], once a second
 */
public record HostileSummary(double attackStart, double attackEnd, Map<String, LatencyWindow> delivery,
                             double p99Ratio, Map<String, HealthWindow> healthz, Double recoverySeconds,
                             double recoveryTargetSeconds, String probeAddress, long probeEveryMillis,
                             long probeTimeoutMillis, List<String> attackAddresses, AttackResult attack,
                             List<Probe> probes, List<double[]> deliveryTimeline, List<double[]> attackTimeline) {
    /** Every probe answered and the node healthy again within the target after the attack. */
    public boolean healthy() {
        return healthz.values().stream().allMatch(w -> w.failed() == 0) && recoverySeconds != null
                && recoverySeconds <= recoveryTargetSeconds;
    }
}
