package io.qrpush.loadtest.scenario;

import io.qrpush.loadtest.metrics.RunMetrics;
import java.util.Map;

/**
 * One kind of load. The runner calls, in order: {@link #setup} (connect, authorize, subscribe),
 * {@link #startLoad} (start the open-loop schedule), {@link #stopLoad} at the end of the measured
 * time, waits while {@link #settled} is false (up to the grace period), then {@link #teardown}.
 */
public interface Scenario {
    String name();

    /** The meters of a run, declaring its latencies, primary first. */
    RunMetrics newMetrics();

    /** Open sockets this process will hold at the peak, for the open-file check. */
    long socketsNeeded(Slice slice);

    /** Whether the server's memory is measured around this scenario (idle, churn). */
    default boolean measuresMemory() {
        return false;
    }

    /** The scenario's own options, for the report. */
    Map<String, Object> settings();

    void setup(Run run) throws Exception;

    void startLoad(Run run);

    void stopLoad();

    /** Nothing outstanding any more (every publish answered and delivered, every flow done). */
    default boolean settled(Run run) {
        return run.ledger().settled();
    }

    /** What is still outstanding, for the message when the grace period runs out. */
    default String outstanding(Run run) {
        return run.ledger().outstanding();
    }

    void teardown(Run run) throws Exception;

    /** Once a second, the run's sample (with the primary latency's histogram of that second). */
    default void onSample(io.qrpush.loadtest.metrics.Sample sample) {
    }

    /** What a {@code hostile} run adds to the report, asked after its teardown and last sample; null otherwise. */
    default io.qrpush.loadtest.hostile.HostileSummary hostileSummary() {
        return null;
    }

    /** What a {@code jitter} run adds to the report, asked after its teardown; null otherwise. */
    default io.qrpush.loadtest.jitter.JitterSummary jitterSummary() {
        return null;
    }

    /** What an {@code avalanche} run adds to the report, asked after its teardown; null otherwise. */
    default io.qrpush.loadtest.avalanche.AvalancheSummary avalancheSummary() {
        return null;
    }

    /** What the report should say about this run beyond its numbers (e.g. an unfinished schedule); read after teardown. */
    default java.util.List<String> notes() {
        return java.util.List.of();
    }

    /**
     * The note for schedules that had not fired every event when the run ended: the offered load
     * was lower than asked, because the load tester (or the machine) fell behind.
     */
    static java.util.List<String> unfinished(String what, java.util.List<Pacer> pacers) {
        long planned = 0;
        long fired = 0;
        for (Pacer p : pacers) {
            planned += p.planned();
            fired += p.fired();
        }
        return fired >= planned ? java.util.List.of() : java.util.List.of(String.format(
                "%,d of %,d scheduled %s were never sent: the schedule was still behind when the grace period"
                        + " ended, so the load offered was lower than asked", planned - fired, planned, what));
    }
}
