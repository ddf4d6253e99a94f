package io.qrpush.server.core;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A message on its way through the broker to every node with subscribers of its channel.
 *
 * @param from      the publisher's user id; null for messages the server makes itself
 * @param ts        publish time, epoch millis (also the start of the latency measurement)
 * @param receiptTo where the first ack's receipt goes, or null when none was asked for
 */
public record Publication(ChannelKey channel, String guid, String from, long ts, JsonNode content,
                          ReceiptTarget receiptTo) {
}
