package io.qrpush.loadtest.hostile;

import io.qrpush.loadtest.metrics.MicroClock;
import java.util.Collection;
import java.util.Locale;

/**
 * One second of the attack as the progress line shows it (every kind together): when it was taken
 * (epoch µs of {@link MicroClock}, comparable across the processes of one machine), sockets open
 * now, opened so far, connects that failed, and sockets the server ended at once or cut later.
 */
public record AttackProgress(long atMicros, long open, long opened, long connectFailed, long endedAtOnce, long cut,
                             long reset) {
    static AttackProgress of(long open, Collection<KindResult> kinds) {
        long opened = 0;
        long failed = 0;
        long atOnce = 0;
        long cut = 0;
        long reset = 0;
        for (KindResult k : kinds) {
            opened += k.opened();
            failed += k.connectFailures();
            atOnce += k.endedAtOnce();
            cut += k.cut();
            reset += k.reset();
        }
        return new AttackProgress(MicroClock.now(), open, opened, failed, atOnce, cut, reset);
    }

    /** The progress line's text. */
    public String line(double second) {
        return String.format(Locale.ROOT, "%5.0fs attack   open %6d  opened %d  connect failed %d  ended by the server:"
                + " at once %d, cut later %d (reset %d)", second, open, opened, connectFailed, endedAtOnce, cut, reset);
    }
}
