package io.qrpush.server.presence;

import io.qrpush.server.core.ChannelKey;

/**
 * A user's first connection joined a channel, or its last one left: per user, not per
 * connection (three tabs join once and leave once).
 *
 * @param name the user's display name, or null
 */
public record PresenceEvent(Kind kind, ChannelKey channel, String userId, String name) {
    /** Join or leave. */
    public enum Kind { JOIN, LEAVE }
}
