package io.qrpush.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Who is subscribed to a channel (docs/protocol.md section 7): every connection, and the number of
 * distinct users among them.
 */
public record Presence(List<Client> clients, int users) {
    public Presence {
        clients = List.copyOf(clients);
    }

    /** One subscribed connection; {@code name} may be null. */
    public record Client(String sid, String userId, String name) {
    }

    /** Reads a {@code presence} reply or the server API's answer. */
    static Presence of(JsonNode n) {
        List<Client> clients = new ArrayList<>();
        n.path("clients").forEach(c -> clients.add(new Client(c.path("sid").asText(), c.path("userId").asText(),
                Json.text(c, "name"))));
        return new Presence(clients, n.path("users").asInt());
    }
}
