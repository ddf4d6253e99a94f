package io.qrpush.sdk;

/**
 * The answer to a publish.
 *
 * @param guid      the message's id; the one the caller gave, or the one the SDK generated
 * @param delivered how many subscriptions the message was handed to (0 for a duplicate)
 * @param duplicate true when the server had seen this guid on this channel already (a retry of a
 *                  publish whose first answer was lost) and did not deliver it again
 */
public record PublishResult(String channel, String guid, int delivered, boolean duplicate) {
}
