package io.qrpush.server.webhook;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrpush.server.presence.PresenceEvent;
import io.qrpush.server.presence.PresenceListener;

/**
 * Turns presence joins and leaves (a user's first subscription to a presence channel began, or
 * its last ended) into {@code presence.join} and {@code presence.leave} events. The presence
 * store tells each once for the cluster, a dead node's leaves included.
 */
public final class PresenceEvents implements PresenceListener {
    private final Webhooks webhooks;

    public PresenceEvents(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    @Override
    public void changed(PresenceEvent e) {
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("channel", e.channel().channel())
                .put("userId", e.userId());
        if (e.name() != null) {
            data.put("name", e.name());
        }
        String type = e.kind() == PresenceEvent.Kind.JOIN ? "presence.join" : "presence.leave";
        webhooks.emit(e.channel().appkey(), type, data);
    }
}
