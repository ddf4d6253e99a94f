package io.qrpush.server.presence;

/** How many connections and distinct users are on a channel. */
public record PresenceStats(int clients, int users) {
}
