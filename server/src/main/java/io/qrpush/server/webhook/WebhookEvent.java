package io.qrpush.server.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One event for an app's backend, as it travels in a request's {@code events} array
 * (docs/webhooks.md). Its {@code id} is made once and sent on every retry, so the receiver can
 * drop repeats.
 *
 * @param time ms since the epoch when it happened
 */
public record WebhookEvent(String id, String type, long time, JsonNode data) {

    /** The event's JSON object, as it is queued and sent. */
    public String json(ObjectMapper mapper) {
        var o = mapper.createObjectNode().put("id", id).put("type", type).put("time", time);
        o.set("data", data);
        return o.toString();
    }
}
