package io.qrpush.sdk;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A subscription the server accepted.
 *
 * @param state        on login channels, the session's current state
 *                     ({@code {"status":"waiting|scanned|confirmed|...",...}}); null elsewhere
 * @param resubscribed true when this is a subscription renewed after a reconnect
 */
public record SubscribeResult(String channel, JsonNode state, boolean resubscribed) {
}
