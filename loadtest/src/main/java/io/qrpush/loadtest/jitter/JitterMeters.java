package io.qrpush.loadtest.jitter;

import io.qrpush.loadtest.metrics.LatencyRecorder;
import io.qrpush.loadtest.metrics.RunMetrics;
import java.util.concurrent.atomic.LongAdder;

/**
 * The meters every subscriber of a {@code jitter} run shares, looked up once: the run's counters
 * (so the progress line and the throughput chart show them per second) and its two latencies.
 */
final class JitterMeters {
    static final String REPLAY = "replay";
    static final String CUT = "cut";
    static final String RECONNECTED = "reconnected";
    static final String RECOVERY_ASKED = "recovery_asked";
    static final String RECOVERED = "recovered";
    static final String RECOVERY_REFUSED = "recovery_refused";
    static final String REPLAYED = "replayed";

    final RunMetrics metrics;
    final LatencyRecorder delivery;
    final LatencyRecorder replay;
    final LongAdder received;
    final LongAdder replayed;
    final LongAdder cuts;
    final LongAdder reconnected;
    final LongAdder recoveryAsked;
    final LongAdder recovered;
    final LongAdder recoveryRefused;

    JitterMeters(RunMetrics metrics) {
        this.metrics = metrics;
        this.delivery = metrics.latency("delivery");
        this.replay = metrics.latency(REPLAY);
        this.received = metrics.counter("received");
        this.replayed = metrics.counter(REPLAYED);
        this.cuts = metrics.counter(CUT);
        this.reconnected = metrics.counter(RECONNECTED);
        this.recoveryAsked = metrics.counter(RECOVERY_ASKED);
        this.recovered = metrics.counter(RECOVERED);
        this.recoveryRefused = metrics.counter(RECOVERY_REFUSED);
    }
}
