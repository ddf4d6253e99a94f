package io.qrpush.loadtest.ledger;

import java.util.Map;

/**
 * What one process knows about one channel's publishes, in a form that adds up across processes
 * (bit sets are OR-ed, counts summed, maxima kept): a fan-out split over children has its
 * publisher in one process and its subscribers in all.
 *
 * @param subscribers  subscribers expected to get every message, in this process
 * @param sent         seqs published ({@link java.util.BitSet#toLongArray()})
 * @param warm         seqs published during the warm-up (accounted for, not in latency figures)
 * @param acked        seqs answered 200
 * @param refused      seqs answered otherwise
 * @param received     per seq, how many expected subscribers got it at least once
 * @param maxLatency   per seq, the slowest of those deliveries, µs
 * @param refusedBy    refusals by error word
 * @param duplicates   deliveries beyond the first per subscriber and seq
 */
public record ChannelState(String channel, int subscribers, long[] sent, long[] warm, long[] acked, long[] refused,
                           int[] received, int[] maxLatency, Map<String, Long> refusedBy, long duplicates) {
}
