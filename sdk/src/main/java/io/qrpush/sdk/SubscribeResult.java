package io.qrpush.sdk;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A subscription the server accepted.
 *
 * @param state        on login channels, the session's current state
 *                     ({@code {"status":"waiting|scanned|confirmed|...",...}}); null elsewhere
 * @param resubscribed true when this is a subscription renewed after a reconnect
 * @param position     on history channels, the latest offset and its epoch; null elsewhere
 * @param recovered    null unless the client asked to recover (a resubscribe on a history
 *                     channel): true when every missed message was delivered before this result,
 *                     false when some may be lost (see {@link QrPushClient#onRecoveryFailed})
 */
public record SubscribeResult(String channel, JsonNode state, boolean resubscribed, StreamPosition position,
                              Boolean recovered) {
}
