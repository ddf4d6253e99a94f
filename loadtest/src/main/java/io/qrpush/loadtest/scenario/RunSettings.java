package io.qrpush.loadtest.scenario;

import java.time.Duration;

/**
 * The options every scenario shares, as the scenario sees them (already parsed and checked).
 *
 * @param runId       names this run's channels and users, the same in every process of a run
 * @param ramp        whether scheduled load climbs from zero to its full rate over the warm-up
 * @param concurrency connection set-ups in flight at once
 */
public record RunSettings(String appkey, String secret, String apiKey, Duration duration, Duration warmup,
                          boolean ramp, Duration grace, int concurrency, String runId, Slice slice) {
}
