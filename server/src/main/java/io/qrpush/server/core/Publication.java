package io.qrpush.server.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrpush.protocol.RawJson;

/**
 * A message on its way through the broker to every node with subscribers of its channel. Its
 * content is the bytes the publisher sent, relayed to subscribers, nodes and history as they are.
 *
 * @param from      the publisher's user id; null for messages the server makes itself
 * @param ts        publish time, epoch millis (also the start of the latency measurement)
 * @param receiptTo where the first ack's receipt goes, or null when none was asked for
 * @param offset    its place in the channel's history, 1 for the first; 0 on channels without history
 * @param epoch     what {@code offset} counts in; null on channels without history
 * @param event     null for a message; else the op of the channel event it is ({@code join}, ...), told with
 *                  a frame of its own whose fields are {@code content}'s
 */
public record Publication(ChannelKey channel, String guid, String from, long ts, RawJson content,
                          ReceiptTarget receiptTo, long offset, String epoch, String event) {

    /** A publication of a channel without history, or one that has not been given its place yet. */
    public Publication(ChannelKey channel, String guid, String from, long ts, RawJson content,
                       ReceiptTarget receiptTo) {
        this(channel, guid, from, ts, content, receiptTo, 0, null, null);
    }

    /** This publication at its place in the channel's history. */
    public Publication at(long offset, String epoch) {
        return new Publication(channel, guid, from, ts, content, receiptTo, offset, epoch, event);
    }

    /** A channel event: no sender, no guid, no receipt, no offset. */
    public static Publication event(ChannelKey channel, String event, ObjectNode fields, long ts) {
        return new Publication(channel, "", null, ts, RawJson.of(fields), null, 0, null, event);
    }
}
