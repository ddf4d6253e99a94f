package io.qrpush.loadtest.hostile;

import java.util.Map;

/**
 * The {@code /healthz} probes sent in one {@link Window}: how many, how many failed and why, and
 * the latency of all of them (a failed probe counts with the time it took to fail).
 */
public record HealthWindow(long probes, long failed, Map<String, Long> failures, LatencyWindow latency) {
}
