package io.qrpush.sdk;

/**
 * A {@code join} (a user's first subscription to the channel began) or {@code leave} (its last
 * one ended), on namespaces with {@code joinLeave} (docs/protocol.md section 7).
 *
 * @param name null when the server knows none
 */
public record PresenceEvent(String channel, String userId, String name) {
}
