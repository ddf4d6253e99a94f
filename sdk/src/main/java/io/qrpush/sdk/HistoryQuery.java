package io.qrpush.sdk;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What to read of a channel's history (docs/protocol.md section 6).
 *
 * @param since   publications after this position (with {@code reverse}, before it); null: from the oldest kept
 * @param limit   at most this many; 0 for the server's default and maximum, the namespace's {@code historySize}
 * @param reverse newest first
 * @param token   the subscription token on protected channels, else null
 */
public record HistoryQuery(StreamPosition since, int limit, boolean reverse, String token) {
    public HistoryQuery {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
    }

    /** Everything kept, oldest first. */
    public static HistoryQuery all() {
        return new HistoryQuery(null, 0, false, null);
    }

    /** The publications after {@code position}, oldest first. */
    public static HistoryQuery since(StreamPosition position) {
        return new HistoryQuery(position, 0, false, null);
    }

    public HistoryQuery limit(int n) {
        return new HistoryQuery(since, n, reverse, token);
    }

    public HistoryQuery reversed() {
        return new HistoryQuery(since, limit, true, token);
    }

    public HistoryQuery token(String t) {
        return new HistoryQuery(since, limit, reverse, t);
    }

    /** The {@code history} frame's fields beside channel and token; the server's defaults are left out. */
    ObjectNode params() {
        ObjectNode params = Json.MAPPER.createObjectNode();
        if (since != null) {
            params.putObject("since").put("offset", since.offset()).put("epoch", since.epoch());
        }
        if (limit > 0) {
            params.put("limit", limit);
        }
        if (reverse) {
            params.put("reverse", true);
        }
        return params;
    }
}
