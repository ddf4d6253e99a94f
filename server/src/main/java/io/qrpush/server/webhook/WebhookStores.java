package io.qrpush.server.webhook;

/**
 * Where webhook state lives: this process ({@link MemoryWebhookStores}, lost with it) or Redis,
 * shared by a cluster (chosen by the wiring).
 */
public interface WebhookStores extends AutoCloseable {

    /** The queue of one app's events. */
    WebhookQueue queue(String appkey);

    /** The channels' occupied marks. */
    OccupancyMarks occupancy();

    @Override
    default void close() {
    }
}
