package io.qrpush.loadtest.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.qrpush.loadtest.avalanche.AvalancheSummary;
import io.qrpush.loadtest.hostile.HostileSummary;
import io.qrpush.loadtest.jitter.JitterSummary;
import io.qrpush.loadtest.ledger.ChannelState;
import io.qrpush.loadtest.ledger.Tally;
import io.qrpush.loadtest.metrics.LatencySummary;
import io.qrpush.loadtest.metrics.Sample;
import java.util.List;
import java.util.Map;

/**
 * The result of one run, as written to the JSON report (and read back to merge child
 * processes). Latencies are in microseconds.
 *
 * @param accounting every publish as delivered, refused or lost; null when the scenario publishes nothing
 * @param server     the server's memory around the run (idle, churn); null otherwise
 * @param ledger     the channel books, only in a child's result, for the parent to merge
 * @param hostile    the attack, the probes and the windows of a {@code hostile} run; null otherwise
 * @param jitter     the cuts, recoveries and offsets of a {@code jitter} run; null otherwise
 * @param avalanche  the drain, the returns and their rate of an {@code avalanche} run; null otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunReport(String tool, String scenario, String target, String startedAt, Map<String, Object> settings,
                        int processes, double warmupSeconds, double measuredSeconds,
                        Map<String, LatencySummary> latencies, Map<String, Long> counters, Map<String, Long> errors,
                        Tally accounting, List<Sample> timeline, ServerMemory server, List<String> notes,
                        List<ChannelState> ledger, HostileSummary hostile, JitterSummary jitter,
                        AvalancheSummary avalanche) {
    public static final String TOOL = "qrpush-loadtest 0.1";

    public long totalErrors() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    public RunReport withoutLedger() {
        return new RunReport(tool, scenario, target, startedAt, settings, processes, warmupSeconds, measuredSeconds,
                latencies, counters, errors, accounting, timeline, server, notes, null, hostile, jitter,
                avalanche);
    }

    public RunReport withHostile(HostileSummary h) {
        return new RunReport(tool, scenario, target, startedAt, settings, processes, warmupSeconds, measuredSeconds,
                latencies, counters, errors, accounting, timeline, server, notes, ledger, h, jitter,
                avalanche);
    }

    public RunReport withJitter(JitterSummary j) {
        return new RunReport(tool, scenario, target, startedAt, settings, processes, warmupSeconds, measuredSeconds,
                latencies, counters, errors, accounting, timeline, server, notes, ledger, hostile, j,
                avalanche);
    }

    public RunReport withAvalanche(AvalancheSummary a) {
        return new RunReport(tool, scenario, target, startedAt, settings, processes, warmupSeconds, measuredSeconds,
                latencies, counters, errors, accounting, timeline, server, notes, ledger, hostile, jitter, a);
    }
}
