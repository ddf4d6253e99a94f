package io.qrpush.server.history;

import java.util.List;

/**
 * The answer to a subscribe with {@code recover}: either every publication after the client's
 * offset ({@code recovered}), or none and the current position, so the loss is stated and never
 * silent (docs/protocol.md section 6).
 *
 * @param position     the channel's latest offset and epoch
 * @param publications offsets {@code client+1 .. position.offset}, in order; empty when not recovered
 */
public record Recovery(boolean recovered, StreamPosition position, List<HistoryEntry> publications) {
    public Recovery {
        publications = List.copyOf(publications);
    }

    /**
     * The recovery decision, a pure function of one consistent read.
     *
     * @param client  where the client says it was
     * @param current the channel's latest offset and epoch
     * @param after   the kept publications with an offset above the client's, oldest first, read
     *                together with {@code current} (at most {@code historySize} of them)
     */
    public static Recovery decide(StreamPosition client, StreamPosition current, List<HistoryEntry> after) {
        if (!client.epoch().equals(current.epoch()) || client.offset() > current.offset()) {
            return lost(current);
        }
        long missed = current.offset() - client.offset();
        if (after.size() != missed) {
            return lost(current);
        }
        for (int i = 0; i < after.size(); i++) {
            if (after.get(i).offset() != client.offset() + 1 + i) {
                return lost(current);
            }
        }
        return new Recovery(true, current, after);
    }

    private static Recovery lost(StreamPosition current) {
        return new Recovery(false, current, List.of());
    }
}
