package io.qrpush.sdk;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The answer to a publish.
 *
 * @param guid      the message's id; the one the caller gave, or the one the SDK generated
 * @param delivered how many subscriptions the message was handed to (0 for a duplicate)
 * @param duplicate true when the server had seen this guid on this channel already (a retry of a
 *                  publish whose first answer was lost) and did not deliver it again
 * @param offset    the publication's place in the channel's history; null on channels without
 *                  history (docs/protocol.md section 6)
 */
public record PublishResult(String channel, String guid, int delivered, boolean duplicate, Long offset) {

    /** Reads a publish answer (socket reply or server API) of {@code channel}; {@code guid} when it names none. */
    static PublishResult of(String channel, String guid, JsonNode n) {
        JsonNode offset = n.get("offset");
        return new PublishResult(channel, n.path("guid").asText(guid), n.path("delivered").asInt(),
                n.path("duplicate").asBoolean(false), offset != null && offset.canConvertToLong() ? offset.longValue() : null);
    }
}
