package io.qrpush.server.history;

import io.qrpush.server.config.NamespaceSettings;
import java.util.List;

/**
 * The offsets a read covers, {@code from..to} inclusive, walked oldest first or newest first,
 * at most {@code limit} of them: one plan for the memory ring and the Redis stream alike.
 *
 * @param since the client's position the read is relative to, or null
 */
public record ReadRange(long from, long to, boolean reverse, int limit, StreamPosition since) {
    /** Only the position, no publications. */
    public static final ReadRange NOTHING = new ReadRange(1, 0, false, 0, null);

    /** The range {@code query} asks for; see {@link HistoryQuery}. */
    public static ReadRange of(HistoryQuery q, NamespaceSettings ns) {
        int limit = q.limitFor(ns);
        StreamPosition since = q.since();
        if (since == null) {
            return new ReadRange(1, Long.MAX_VALUE, q.reverse(), limit, null);
        }
        return q.reverse()
                ? new ReadRange(1, since.offset() - 1, true, limit, since)
                : new ReadRange(since.offset() + 1, Long.MAX_VALUE, false, limit, since);
    }

    /** Everything after the client's offset that can still be kept, for a recovery. */
    public static ReadRange recovery(StreamPosition client, NamespaceSettings ns) {
        return new ReadRange(client.offset() + 1, Long.MAX_VALUE, false, ns.historySize(), client);
    }

    public boolean isEmpty() {
        return from > to || limit <= 0;
    }

    /** The answer to the query: offsets of another epoch than {@code since}'s mean nothing. */
    public HistoryPage page(StreamPosition current, List<HistoryEntry> read) {
        boolean voided = since != null && !since.epoch().equals(current.epoch());
        return new HistoryPage(voided ? List.of() : read, current);
    }
}
