package io.qrpush.server.presence;

/**
 * One connection's subscription on a presence channel. Anonymous connections count as the user
 * {@code anon-<sid>} (docs/protocol.md section 7).
 *
 * @param name the user's display name, or null
 */
public record PresenceClient(String sid, String userId, String name) {
    public PresenceClient {
        if (sid == null || userId == null) {
            throw new IllegalArgumentException("a presence entry needs a sid and a userId");
        }
    }
}
