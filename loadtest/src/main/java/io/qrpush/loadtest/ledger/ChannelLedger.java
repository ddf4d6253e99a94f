package io.qrpush.loadtest.ledger;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Map;
import java.util.TreeMap;

/**
 * The books of one channel: every publish by its sequence number, and how many of the channel's
 * expected subscribers received it. Synchronized: the publisher and the subscribers may live on
 * different event loops; the contention is per channel, so small.
 */
public final class ChannelLedger {
    private final String channel;
    private final Ledger owner;
    private final BitSet sent = new BitSet();
    /**
     * The first seq due after the warm-up: a channel's seqs follow its schedule, so the warm-up
     * ones are exactly those below it (kept as a bound so that {@link #sent} has no branch that
     * flips when the measured window opens, which would deoptimize the publish path there).
     */
    private int firstMeasured = Integer.MAX_VALUE;
    private final BitSet acked = new BitSet();
    private final BitSet refused = new BitSet();
    private final Map<String, Long> refusedBy = new TreeMap<>();
    private int[] received = new int[64];
    private int[] maxLatency = new int[64];
    private int subscribers;
    private long duplicates;
    private int top = -1;

    ChannelLedger(String channel, Ledger owner) {
        this.channel = channel;
        this.owner = owner;
    }

    public String channel() {
        return channel;
    }

    /** One more subscriber that must get every message published from now on. */
    public synchronized void addSubscriber() {
        subscribers++;
    }

    /** {@code warmup}: 1 when the publish was due in the warm-up, else 0. */
    public synchronized void sent(int seq, int warmup) {
        sent.set(seq);
        firstMeasured = Math.min(firstMeasured, seq + warmup * (Integer.MAX_VALUE - seq));
        owner.sentOne();
    }

    public synchronized void acked(int seq) {
        if (!acked.get(seq) && !refused.get(seq)) {
            acked.set(seq);
            owner.answeredOne(subscribers);
        }
    }

    /** The reply was not 200 (or never came: {@code word} is then ours, e.g. {@code closed}). */
    public synchronized void refused(int seq, String word) {
        if (!acked.get(seq) && !refused.get(seq)) {
            refused.set(seq);
            refusedBy.merge(word, 1L, Long::sum);
            owner.answeredOne(0);
        }
    }

    /**
     * An expected subscriber got {@code seq} for the first time; the caller keeps each
     * subscriber's own record of what it has seen and calls {@link #duplicate()} otherwise.
     */
    public synchronized void received(int seq, long latencyMicros) {
        if (seq >= received.length) {
            int n = Math.max(seq + 1, received.length * 2);
            received = Arrays.copyOf(received, n);
            maxLatency = Arrays.copyOf(maxLatency, n);
        }
        received[seq]++;
        top = Math.max(top, seq);
        int lat = (int) Math.min(Integer.MAX_VALUE, Math.max(0, latencyMicros));
        maxLatency[seq] = Math.max(maxLatency[seq], lat);
        owner.deliveredOne();
    }

    public synchronized void duplicate() {
        duplicates++;
    }

    private BitSet warmSeqs() {
        BitSet warm = (BitSet) sent.clone();
        int end = warm.length();
        warm.clear(Math.min(firstMeasured, end), end);
        return warm;
    }

    public synchronized ChannelState state() {
        int n = Math.max(sent.length(), top + 1);
        return new ChannelState(channel, subscribers, sent.toLongArray(), warmSeqs().toLongArray(), acked.toLongArray(),
                refused.toLongArray(), Arrays.copyOf(received, n), Arrays.copyOf(maxLatency, n),
                new TreeMap<>(refusedBy), duplicates);
    }
}
