package io.qrpush.loadtest.metrics;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One named latency: recorded from any thread without locks (HdrHistogram's {@link Recorder}),
 * read once a second as the interval's histogram, which is added to the run's total.
 *
 * <p>Warm-up latencies go to a second recorder that is thrown away, chosen by index rather than by
 * an {@code if}: a branch never taken during the warm-up would be compiled out by C2, and taking
 * it when the measured window opens would deoptimize the whole inlined receive path, stalling the
 * load tester for the first seconds of the window (seen as 25 ms medians there). For the same
 * reason the recorders have a fixed range: a self-resizing one resizes on its first value, which
 * for the measured recorder comes only when the window opens.
 */
public final class LatencyRecorder {
    /** One hour in µs: the longest latency told apart; longer ones count as one hour. */
    static final long MAX_MICROS = 3_600_000_000L;

    private final Recorder recorder = new Recorder(MAX_MICROS, 3);
    private final Recorder warmup = new Recorder(MAX_MICROS, 3);
    private final Recorder[] byPhase = {recorder, warmup};
    private Histogram total = Histograms.micros();
    private Histogram recycled;
    /**
     * Its events say which phase they belong to, so nothing measured is in the total when the
     * warm-up ends and {@link #resetTotal} keeps it: a measured event recorded just after the
     * boundary, then ticked into the total before the end of the warm-up was handled, would be lost.
     */
    private volatile boolean phased;

    /** Records one latency in µs; negative values (clock skew across processes) count as 0. */
    public void record(long micros) {
        recorder.recordValue(clamp(micros));
    }

    /** Records one latency in µs of an event that was due in the warm-up ({@code warmup} 1) or not (0). */
    public void record(long micros, int warmup) {
        if (!phased) {
            phased = true;
        }
        byPhase[warmup].recordValue(clamp(micros));
    }

    private static long clamp(long micros) {
        return Math.min(MAX_MICROS, Math.max(0, micros));
    }

    /** Takes the histogram of everything recorded since the last tick and adds it to the total. */
    public synchronized Histogram tick() {
        warmup.reset();
        Histogram interval = recorder.getIntervalHistogram(recycled);
        total.add(interval);
        Histogram copy = interval.copy();
        recycled = interval;
        return copy;
    }

    /** Forgets the total, at the end of the warm-up, unless its events were recorded with their phase. */
    public synchronized void resetTotal() {
        if (!phased) {
            total = Histograms.micros();
        }
    }

    /** A copy of the total so far. */
    public synchronized Histogram total() {
        return total.copy();
    }
}
