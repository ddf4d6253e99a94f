package io.qrpush.loadtest.ledger;

import java.util.Map;

/**
 * How every publish ended. {@code published = delivered + refused + lost}, exactly.
 *
 * @param published          publishes sent
 * @param acknowledged       answered 200
 * @param refused            answered otherwise, or never answered ({@code no_reply}) or cut by a close
 * @param refusedBy          refusals by error word
 * @param delivered          acknowledged and received by every expected subscriber
 * @param lost               acknowledged but missed by at least one expected subscriber by the end
 *                           of the grace period
 * @param expectedDeliveries acknowledged publishes times their expected subscribers
 * @param deliveries         first receptions by expected subscribers
 * @param lostDeliveries     expected deliveries that never came
 * @param duplicates         receptions beyond the first of a message by one subscriber
 * @param unexpected         receptions of messages that were not acknowledged
 */
public record Tally(long published, long acknowledged, long refused, Map<String, Long> refusedBy, long delivered,
                    long lost, long expectedDeliveries, long deliveries, long lostDeliveries, long duplicates,
                    long unexpected) {

    /** Whether the books balance; a report whose tally does not is a bug in this tool. */
    public boolean balanced() {
        return published == delivered + refused + lost;
    }
}
