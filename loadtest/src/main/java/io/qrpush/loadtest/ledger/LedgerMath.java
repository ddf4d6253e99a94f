package io.qrpush.loadtest.ledger;

import io.qrpush.loadtest.metrics.Histograms;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/** Adds channel books from several processes together and closes them into a {@link Tally}. */
public final class LedgerMath {
    private LedgerMath() {
    }

    /** One state per channel name: bit sets OR-ed, counts summed, latencies' maxima kept. */
    public static List<ChannelState> merge(Collection<ChannelState> states) {
        Map<String, ChannelState> byName = new LinkedHashMap<>();
        for (ChannelState s : states) {
            byName.merge(s.channel(), s, LedgerMath::add);
        }
        return new ArrayList<>(byName.values());
    }

    private static ChannelState add(ChannelState a, ChannelState b) {
        int n = Math.max(a.received().length, b.received().length);
        int[] received = new int[n];
        int[] max = new int[n];
        for (int i = 0; i < n; i++) {
            received[i] = at(a.received(), i) + at(b.received(), i);
            max[i] = Math.max(at(a.maxLatency(), i), at(b.maxLatency(), i));
        }
        Map<String, Long> words = new TreeMap<>(a.refusedBy());
        b.refusedBy().forEach((k, v) -> words.merge(k, v, Long::sum));
        return new ChannelState(a.channel(), a.subscribers() + b.subscribers(), or(a.sent(), b.sent()),
                or(a.warm(), b.warm()), or(a.acked(), b.acked()), or(a.refused(), b.refused()), received, max, words,
                a.duplicates() + b.duplicates());
    }

    private static int at(int[] a, int i) {
        return i < a.length ? a[i] : 0;
    }

    private static long[] or(long[] a, long[] b) {
        BitSet s = BitSet.valueOf(a);
        s.or(BitSet.valueOf(b));
        return s.toLongArray();
    }

    /** Closes the books of merged channel states. */
    public static Tally tally(Collection<ChannelState> merged) {
        long published = 0, acknowledged = 0, refused = 0, delivered = 0, lost = 0, expected = 0, deliveries = 0,
                lostDeliveries = 0, duplicates = 0, unexpected = 0;
        Map<String, Long> words = new TreeMap<>();
        for (ChannelState c : merged) {
            BitSet sent = BitSet.valueOf(c.sent());
            BitSet acked = BitSet.valueOf(c.acked());
            BitSet ref = BitSet.valueOf(c.refused());
            c.refusedBy().forEach((k, v) -> words.merge(k, v, Long::sum));
            duplicates += c.duplicates();
            published += sent.cardinality();
            for (int seq = 0; seq < c.received().length; seq++) {
                int got = c.received()[seq];
                if (acked.get(seq)) {
                    deliveries += Math.min(got, c.subscribers());
                } else {
                    unexpected += got;
                }
            }
            for (int seq = sent.nextSetBit(0); seq >= 0; seq = sent.nextSetBit(seq + 1)) {
                if (acked.get(seq)) {
                    acknowledged++;
                    expected += c.subscribers();
                    int got = at(c.received(), seq);
                    if (got >= c.subscribers()) {
                        delivered++;
                    } else {
                        lost++;
                        lostDeliveries += c.subscribers() - got;
                    }
                } else {
                    refused++;
                    if (!ref.get(seq)) {
                        words.merge("no_reply", 1L, Long::sum);
                    }
                }
            }
        }
        return new Tally(published, acknowledged, refused, words, delivered, lost, expected, deliveries,
                lostDeliveries, duplicates, unexpected);
    }

    /**
     * The time until the last expected subscriber had each message (µs from its intended send),
     * for messages sent after the warm-up and delivered everywhere.
     */
    public static Histogram lastDelivery(Collection<ChannelState> merged) {
        Histogram h = Histograms.micros();
        for (ChannelState c : merged) {
            BitSet acked = BitSet.valueOf(c.acked());
            BitSet warm = BitSet.valueOf(c.warm());
            for (int seq = acked.nextSetBit(0); seq >= 0; seq = acked.nextSetBit(seq + 1)) {
                if (!warm.get(seq) && at(c.received(), seq) >= c.subscribers() && c.subscribers() > 0) {
                    h.recordValue(at(c.maxLatency(), seq));
                }
            }
        }
        return h;
    }
}
