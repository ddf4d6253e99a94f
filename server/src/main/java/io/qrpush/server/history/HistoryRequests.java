package io.qrpush.server.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.qrpush.protocol.ErrorWord;
import io.qrpush.protocol.ProtocolException;
import java.util.Map;

/** Reads the {@code history} op's fields and the server API's query parameters into a {@link HistoryQuery}. */
final class HistoryRequests {
    private HistoryRequests() {
    }

    /** {@code since}, {@code limit} and {@code reverse} of the op, all optional. */
    static HistoryQuery fromOp(JsonNode params) throws ProtocolException {
        JsonNode since = params.get("since");
        StreamPosition from = since == null || since.isNull() ? null : StreamPosition.fromClient(since, "since");
        JsonNode limit = params.get("limit");
        int max = 0;
        if (limit != null && !limit.isNull()) {
            if (!limit.isIntegralNumber() || limit.longValue() < 0) {
                throw new ProtocolException(ErrorWord.BAD_REQUEST, "limit must be a whole number from 0");
            }
            max = limit.canConvertToInt() ? limit.intValue() : Integer.MAX_VALUE;
        }
        JsonNode reverse = params.get("reverse");
        if (reverse != null && !reverse.isNull() && !reverse.isBoolean()) {
            throw new ProtocolException(ErrorWord.BAD_REQUEST, "reverse must be true or false");
        }
        return new HistoryQuery(from, max, reverse != null && reverse.asBoolean());
    }

    /** {@code ?limit=L&since=N&epoch=E&reverse=true}: {@code since} and {@code epoch} go together. */
    static HistoryQuery fromQuery(Map<String, String> query) throws ProtocolException {
        StreamPosition from = null;
        String since = query.get("since");
        String epoch = query.get("epoch");
        if (since != null || epoch != null) {
            if (since == null || epoch == null) {
                throw new ProtocolException(ErrorWord.BAD_REQUEST, "since and epoch go together");
            }
            long offset = number(since, "since");
            try {
                from = new StreamPosition(offset, epoch);
            } catch (IllegalArgumentException e) {
                throw new ProtocolException(ErrorWord.BAD_REQUEST, "epoch must be the epoch string a reply gave");
            }
        }
        String limit = query.get("limit");
        long max = limit == null ? 0 : number(limit, "limit");
        String reverse = query.get("reverse");
        if (reverse != null && !reverse.equals("true") && !reverse.equals("false")) {
            throw new ProtocolException(ErrorWord.BAD_REQUEST, "reverse must be true or false");
        }
        return new HistoryQuery(from, (int) Math.min(max, Integer.MAX_VALUE), "true".equals(reverse));
    }

    private static long number(String text, String name) throws ProtocolException {
        try {
            long n = Long.parseLong(text);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below, with the parameter's name
        }
        throw new ProtocolException(ErrorWord.BAD_REQUEST, name + " must be a whole number from 0");
    }
}
