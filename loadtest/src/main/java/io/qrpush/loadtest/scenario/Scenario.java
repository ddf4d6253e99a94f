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
}
