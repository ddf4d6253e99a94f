package io.qrpush.loadtest.hostile;

import io.qrpush.loadtest.metrics.Histograms;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * The books of one kind of attack socket while the attack runs: every socket's end is sorted
 * into refused at once, cut later by a timeout, or held to the end. Called from the event loops,
 * a few times per socket, so a lock is cheap enough.
 */
public final class AttackTally {
    /** A socket the server ends sooner than this after connecting was refused, not timed out. */
    public static final long AT_ONCE_MILLIS = 1000;

    private final long heldAtOnce;
    private final AtomicLong open = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();
    private final Map<String, Long> connectFailed = new TreeMap<>();
    private final Map<String, Long> answers = new TreeMap<>();
    private final Histogram cutAfter = Histograms.micros();
    private long opened;
    private long endedByServer;
    private long endedAtOnce;
    private long reset;
    private long heldToEnd;

    public AttackTally(long heldAtOnce) {
        this.heldAtOnce = heldAtOnce;
    }

    public synchronized void opened() {
        opened++;
        open.incrementAndGet();
    }

    public synchronized void connectFailed(String cause) {
        connectFailed.merge(cause, 1L, Long::sum);
    }

    public void sent(long bytes) {
        bytesSent.addAndGet(bytes);
    }

    /**
     * An established socket ended. {@code byUs}: the attack let go of it at its end;
     * {@code status}: the HTTP status the server answered before, or 0; {@code wasReset}: a TCP reset.
     */
    public synchronized void ended(long lifetimeMillis, boolean byUs, int status, boolean wasReset) {
        open.decrementAndGet();
        if (status > 0) {
            answers.merge(Integer.toString(status), 1L, Long::sum);
        }
        if (byUs) {
            heldToEnd++;
            return;
        }
        endedByServer++;
        if (wasReset) {
            reset++;
        }
        if (lifetimeMillis < AT_ONCE_MILLIS) {
            endedAtOnce++;
        } else {
            cutAfter.recordValue(lifetimeMillis * 1000);
        }
    }

    /** Sockets of this kind open right now. */
    public long open() {
        return open.get();
    }

    public synchronized KindResult result() {
        boolean any = cutAfter.getTotalCount() > 0;
        return new KindResult(heldAtOnce, opened, new TreeMap<>(connectFailed), endedByServer, endedAtOnce,
                endedByServer - endedAtOnce, reset, new TreeMap<>(answers), heldToEnd,
                any ? cutAfter.getValueAtPercentile(50) / 1000.0 : 0, any ? cutAfter.getMaxValue() / 1000.0 : 0,
                bytesSent.get());
    }
}
