package io.qrpush.server.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.qrpush.protocol.ErrorWord;
import io.qrpush.protocol.ProtocolException;
import io.qrpush.protocol.RandomIds;
import java.util.regex.Pattern;

/**
 * A place in a channel's history: the offset of a publication (0 before the first) and the epoch
 * the offsets count in. An epoch is opaque to clients; it changes whenever offsets restart
 * (docs/protocol.md section 6).
 */
public record StreamPosition(long offset, String epoch) {
    /** What a client may send as an epoch; ours are base64url, and a longer one cannot be ours. */
    private static final Pattern EPOCH = Pattern.compile("[A-Za-z0-9_\\-]{1,64}");

    public StreamPosition {
        if (offset < 0 || epoch == null || !EPOCH.matcher(epoch).matches()) {
            throw new IllegalArgumentException("not a stream position: " + offset + "/" + epoch);
        }
    }

    /** A fresh epoch: 64 random bits, so a restarted stream never reuses an old one. */
    public static String newEpoch() {
        return RandomIds.randomBits(64);
    }

    /**
     * Reads a client's {@code {"offset":N,"epoch":"E"}} ({@code recover} on subscribe,
     * {@code since} on history).
     *
     * @throws ProtocolException {@code bad_request} naming {@code field} when it is not one
     */
    public static StreamPosition fromClient(JsonNode node, String field) throws ProtocolException {
        if (node == null || !node.isObject()) {
            throw bad(field, "must be an object {\"offset\":N,\"epoch\":\"...\"}");
        }
        JsonNode offset = node.get("offset");
        if (offset == null || !offset.isIntegralNumber() || !offset.canConvertToLong() || offset.longValue() < 0) {
            throw bad(field + ".offset", "must be a whole number from 0");
        }
        JsonNode epoch = node.get("epoch");
        if (epoch == null || !epoch.isTextual() || !EPOCH.matcher(epoch.textValue()).matches()) {
            throw bad(field + ".epoch", "must be the epoch string a reply gave");
        }
        return new StreamPosition(offset.longValue(), epoch.textValue());
    }

    private static ProtocolException bad(String field, String reason) {
        return new ProtocolException(ErrorWord.BAD_REQUEST, field + " " + reason);
    }
}
