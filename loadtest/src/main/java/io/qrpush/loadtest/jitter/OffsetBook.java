package io.qrpush.loadtest.jitter;

import java.util.BitSet;

/**
 * One subscription's offsets on one history channel, across all its reconnects: what it saw
 * live, what came replayed in a recovery reply, what it saw twice and what it never saw
 * (docs/protocol.md section 6). Offsets are counted per epoch: a new epoch (a
 * {@code recovered:false} reply, or a recovered reply that names another epoch than ours) closes
 * the old one, its missing offsets counted as gaps, plus one gap for the loss the server stated
 * but could not size.
 *
 * <p>Not thread-safe: its {@link JitterSubscriber} calls it under its own lock.
 */
public final class OffsetBook {
    /** Where to recover from: the last offset seen and its epoch. */
    public record Position(long offset, String epoch) {
    }

    private String epoch;
    /** Offsets up to this one were before we began to expect messages (or stated lost) in this epoch. */
    private long base;
    /** Seen offsets of this epoch, at index {@code offset - base - 1}. */
    private final BitSet seen = new BitSet();
    private long lastSeen;
    /** The highest offset this epoch is known to have: seen, or told by a subscribe reply. */
    private long top;
    private long closedGaps;
    private long live;
    private long replayed;
    private long duplicates;
    private long epochChanges;

    /** The first subscribe reply: messages are expected from {@code offset + 1} on. */
    public void subscribed(long offset, String epoch) {
        startEpoch(offset, epoch);
    }

    /** Whether a subscribe reply has been read, so a reconnect can ask to recover. */
    public boolean started() {
        return epoch != null;
    }

    /** What to send as {@code recover}; null before the first subscribe reply. */
    public Position position() {
        return epoch == null ? null : new Position(lastSeen, epoch);
    }

    /**
     * A recovery reply, read before its publications. {@code recovered} with our epoch continues
     * this epoch up to {@code offset}; anything else is a loss: the offsets missing so far are
     * gaps, and so is the loss stated (the offsets between our last and {@code offset} when the
     * epoch is ours, one gap when it is not, since offsets of two epochs do not compare).
     */
    public void recovered(boolean recovered, long offset, String replyEpoch) {
        boolean sameEpoch = replyEpoch != null && replyEpoch.equals(epoch);
        if (recovered && sameEpoch) {
            top = Math.max(top, offset);
            return;
        }
        if (sameEpoch) {
            top = Math.max(top, offset);
            closedGaps += Math.max(1, missing());
        } else {
            closedGaps += missing() + 1;
            epochChanges++;
        }
        startEpoch(offset, replyEpoch);
    }

    /**
     * A message at {@code offset}, live or from a recovery's publications. True when this
     * subscription sees it for the first time; false for a repeat (or an offset from before it
     * began to expect messages in this epoch), counted as a duplicate.
     */
    public boolean message(long offset, boolean fromRecovery) {
        long index = offset - base - 1;
        if (index < 0 || seen.get((int) index)) {
            duplicates++;
            return false;
        }
        seen.set((int) index);
        lastSeen = Math.max(lastSeen, offset);
        top = Math.max(top, offset);
        if (fromRecovery) {
            replayed++;
        } else {
            live++;
        }
        return true;
    }

    /** This epoch, for comparing subscriptions of one channel at the end. */
    public String epoch() {
        return epoch;
    }

    /** The highest offset of this epoch seen or told. */
    public long top() {
        return top;
    }

    /**
     * Offsets never seen, or stated lost, until now: {@code channelTop} is the highest offset of
     * the channel's current epoch that any subscriber saw, so that a subscription that missed the
     * last messages shows them as gaps too.
     */
    public long gaps(long channelTop) {
        long end = Math.max(top, channelTop);
        return closedGaps + (end - base) - seen.cardinality();
    }

    public long live() {
        return live;
    }

    public long replayed() {
        return replayed;
    }

    public long duplicates() {
        return duplicates;
    }

    public long epochChanges() {
        return epochChanges;
    }

    private long missing() {
        return (top - base) - seen.cardinality();
    }

    private void startEpoch(long offset, String newEpoch) {
        epoch = newEpoch;
        base = offset;
        lastSeen = offset;
        top = offset;
        seen.clear();
    }
}
