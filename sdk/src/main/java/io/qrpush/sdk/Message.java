package io.qrpush.sdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A message received on a subscribed channel, live or recovered after a reconnect.
 *
 * @param from   the publisher's userId; null for messages from the server API and for the server's
 *               own events (login channels)
 * @param ts     when the server accepted it, epoch milliseconds
 * @param offset its place in the channel's history, from 1, increasing per subscription; 0 on
 *               channels without history (docs/protocol.md section 6)
 */
public record Message(String channel, String guid, String from, long ts, JsonNode content, long offset) {

    /** A message object of a subscribe or history reply, which may leave out its channel. */
    static Message of(JsonNode n, String channel) {
        return new Message(channel, n.path("guid").asText(), Json.text(n, "from"), n.path("ts").asLong(),
                n.path("content"), n.path("offset").asLong(0));
    }

    /** The content bound to a type with Jackson, e.g. {@code m.contentAs(Order.class)}. */
    public <T> T contentAs(Class<T> type) {
        try {
            return Json.MAPPER.treeToValue(content, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("content is not a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
