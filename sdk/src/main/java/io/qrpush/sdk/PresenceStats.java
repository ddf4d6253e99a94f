package io.qrpush.sdk;

/** The presence counts of a channel: connections and distinct users (docs/protocol.md section 7). */
public record PresenceStats(int clients, int users) {
}
