package io.qrpush.server.core;

/** Where a receipt goes back to: the publisher's node and connection. */
public record ReceiptTarget(String nodeId, String sid) {
}
