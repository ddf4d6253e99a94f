package io.qrpush.server.presence;

import java.util.List;

/** Who is on a channel: every connection, and how many distinct users they are. */
public record Presence(List<PresenceClient> clients, int users) {
    public Presence {
        clients = List.copyOf(clients);
    }
}
