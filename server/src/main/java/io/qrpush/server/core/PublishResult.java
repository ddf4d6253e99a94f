package io.qrpush.server.core;

/**
 * The outcome of a publish: its guid, the deliveries counted on this node, whether it was a
 * repeat, and its offset on a channel with history (0 elsewhere, and for a repeat).
 */
public record PublishResult(String guid, int delivered, boolean duplicate, long offset) {

    public PublishResult(String guid, int delivered, boolean duplicate) {
        this(guid, delivered, duplicate, 0);
    }
}
