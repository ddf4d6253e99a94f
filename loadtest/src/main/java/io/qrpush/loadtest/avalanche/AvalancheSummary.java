package io.qrpush.loadtest.avalanche;

import java.util.ArrayList;
import java.util.List;

/**
 * What an {@code avalanche} run adds to the report, in milliseconds from the moment the drained
 * node was sent SIGTERM. Messages lost on the history channels are the run's accounting and its
 * jitter section (offsets never seen).
 *
 * @param subscribers        connections opened on the drained node
 * @param disconnected       of those, told to go (or dropped) after the stop
 * @param firstDisconnectMillis the first close, -1 when none
 * @param lastDisconnectMillis  the last close, -1 when none
 * @param returned           subscribed again on the other node after their close
 * @param everyoneBackMillis the last return, or -1 while some never came back
 * @param peakPerSecond      the most returns within any one second (a sliding window of 100 ms steps):
 *                           the peak authorize rate the other node saw from these clients
 * @param returnsPerSecond   returns in each whole second after the stop, for the chart
 * @param closesPerSecond    closes in each whole second after the stop, for the chart
 */
public record AvalancheSummary(int subscribers, long disconnected, long firstDisconnectMillis,
                               long lastDisconnectMillis, long returned, long everyoneBackMillis, long peakPerSecond,
                               List<Long> returnsPerSecond, List<Long> closesPerSecond) {
    private static final int STEP_MILLIS = 100;
    private static final int STEPS_PER_SECOND = 1000 / STEP_MILLIS;

    /** Clients that never came back. */
    public long neverBack() {
        return subscribers - returned;
    }

    /** Everyone was told to go and came back. */
    public boolean clean() {
        return subscribers > 0 && returned == subscribers;
    }

    /** @param closedMillis and {@code backMillis}: each subscriber's stamp from the stop, -1 for none */
    static AvalancheSummary of(long[] closedMillis, long[] backMillis) {
        long[] closed = range(closedMillis);
        long[] back = range(backMillis);
        int[] steps = new int[(int) Math.max(closed[1], back[1]) / STEP_MILLIS + 1];
        for (long b : backMillis) {
            if (b >= 0) {
                steps[(int) (b / STEP_MILLIS)]++;
            }
        }
        long peak = 0;
        for (int i = 0; i < steps.length; i++) {
            long window = 0;
            for (int j = i; j < Math.min(steps.length, i + STEPS_PER_SECOND); j++) {
                window += steps[j];
            }
            peak = Math.max(peak, window);
        }
        return new AvalancheSummary(closedMillis.length, closed[2], closed[0], closed[1], back[2],
                back[2] == backMillis.length ? back[1] : -1, peak, perSecond(backMillis, steps.length),
                perSecond(closedMillis, steps.length));
    }

    /** The first and last stamp and how many there are; -1 for first and last when none. */
    private static long[] range(long[] stamps) {
        long first = -1;
        long last = -1;
        long n = 0;
        for (long t : stamps) {
            if (t >= 0) {
                first = first < 0 ? t : Math.min(first, t);
                last = Math.max(last, t);
                n++;
            }
        }
        return new long[] {first, last, n};
    }

    private static List<Long> perSecond(long[] stamps, int steps) {
        long[] seconds = new long[(steps + STEPS_PER_SECOND - 1) / STEPS_PER_SECOND];
        for (long t : stamps) {
            if (t >= 0) {
                seconds[(int) (t / 1000)]++;
            }
        }
        List<Long> out = new ArrayList<>();
        for (long s : seconds) {
            out.add(s);
        }
        return out;
    }
}
