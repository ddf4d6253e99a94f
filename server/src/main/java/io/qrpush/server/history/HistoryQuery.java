package io.qrpush.server.history;

import io.qrpush.server.config.NamespaceSettings;

/**
 * A history read (docs/protocol.md section 6, {@code history}).
 *
 * <ul>
 *   <li>No {@code since}: the oldest kept first, or the newest first with {@code reverse}.</li>
 *   <li>{@code since} in the current epoch: publications after its offset, oldest first; with
 *       {@code reverse}, those before it, newest first (paging back).</li>
 *   <li>{@code since} in another epoch: no publications, only the current position, from which
 *       the client sees that its offsets are void.</li>
 * </ul>
 *
 * @param since   null for none
 * @param limit   at most this many; 0 or less means the namespace's {@code historySize}
 */
public record HistoryQuery(StreamPosition since, int limit, boolean reverse) {
    /** Everything kept, oldest first. */
    public static HistoryQuery all() {
        return new HistoryQuery(null, 0, false);
    }

    /** The limit to read with: a limit over {@code historySize} is lowered to it, not refused. */
    public int limitFor(NamespaceSettings ns) {
        return limit <= 0 ? ns.historySize() : Math.min(limit, ns.historySize());
    }
}
