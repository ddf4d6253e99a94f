package io.qrpush.sdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A message received on a subscribed channel.
 *
 * @param from the publisher's userId; null for messages from the server API and for the server's
 *             own events (login channels)
 * @param ts   when the server accepted it, epoch milliseconds
 */
public record Message(String channel, String guid, String from, long ts, JsonNode content) {

    /** The content bound to a type with Jackson, e.g. {@code m.contentAs(Order.class)}. */
    public <T> T contentAs(Class<T> type) {
        try {
            return Json.MAPPER.treeToValue(content, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("content is not a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
