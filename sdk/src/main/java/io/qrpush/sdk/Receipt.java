package io.qrpush.sdk;

/**
 * A subscriber acknowledged a message this client published with a receipt request; only the
 * first ack of each message is reported.
 *
 * @param by the userId of the subscriber that acked
 */
public record Receipt(String channel, String guid, String by) {
}
