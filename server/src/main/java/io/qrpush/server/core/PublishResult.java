package io.qrpush.server.core;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The outcome of a publish: its guid, the deliveries counted on this node, whether it was a
 * repeat, and its history offset (0 on a channel without history, or for a repeat).
 */
public record PublishResult(String guid, int delivered, boolean duplicate, long offset) {

    /** The fields of a publish reply and of the server API's answer. */
    public ObjectNode body() {
        ObjectNode o = JsonNodeFactory.instance.objectNode().put("guid", guid).put("delivered", delivered);
        if (duplicate) {
            o.put("duplicate", true);
        }
        if (offset > 0) {
            o.put("offset", offset);
        }
        return o;
    }
}
