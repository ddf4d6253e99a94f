package io.qrpush.server.core;

/** The outcome of a publish: its guid, the deliveries counted on this node, and whether it was a repeat. */
public record PublishResult(String guid, int delivered, boolean duplicate) {
}
