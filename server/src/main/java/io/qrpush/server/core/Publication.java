package io.qrpush.server.core;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A message on its way through the broker to every node with subscribers of its channel.
 *
 * @param from      the publisher's user id; null for messages the server makes itself
 * @param ts        publish time, epoch millis (also the start of the latency measurement)
 * @param receiptTo where the first ack's receipt goes, or null when none was asked for
 * @param offset    its place in the channel's history, from 1, set by the feature that keeps the
 *                  history ({@link ChannelFeature#publishes}); 0 on a channel without one
 */
public record Publication(ChannelKey channel, String guid, String from, long ts, JsonNode content,
                          ReceiptTarget receiptTo, long offset) {

    /** A publication on a channel without history. */
    public Publication(ChannelKey channel, String guid, String from, long ts, JsonNode content,
                       ReceiptTarget receiptTo) {
        this(channel, guid, from, ts, content, receiptTo, 0);
    }

    /** This publication at its place in the channel's history. */
    public Publication withOffset(long place) {
        return new Publication(channel, guid, from, ts, content, receiptTo, place);
    }
}
