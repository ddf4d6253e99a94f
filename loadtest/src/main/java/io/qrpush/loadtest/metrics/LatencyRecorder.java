package io.qrpush.loadtest.metrics;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One named latency: recorded from any thread without locks (HdrHistogram's {@link Recorder}),
 * read once a second as the interval's histogram, which is added to the run's total.
 */
public final class LatencyRecorder {
    private final Recorder recorder = new Recorder(3);
    private Histogram total = Histograms.micros();
    private Histogram recycled;

    /** Records one latency in µs; negative values (clock skew across processes) count as 0. */
    public void record(long micros) {
        recorder.recordValue(Math.max(0, micros));
    }

    /** Takes the histogram of everything recorded since the last tick and adds it to the total. */
    public synchronized Histogram tick() {
        Histogram interval = recorder.getIntervalHistogram(recycled);
        total.add(interval);
        Histogram copy = interval.copy();
        recycled = interval;
        return copy;
    }

    /** Forgets the total, at the end of the warm-up. */
    public synchronized void resetTotal() {
        total = Histograms.micros();
    }

    /** A copy of the total so far. */
    public synchronized Histogram total() {
        return total.copy();
    }
}
