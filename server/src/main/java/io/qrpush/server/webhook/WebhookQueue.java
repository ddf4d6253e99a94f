package io.qrpush.server.webhook;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One app's events waiting for delivery. A node {@linkplain #take takes} a batch, which no other
 * node takes while this one keeps it, and marks it {@linkplain #done} once delivered or given
 * up. In a cluster the queue is shared (Redis): a batch whose node stopped keeping it (killed)
 * is taken again by another node, so no event is lost with a node.
 */
public interface WebhookQueue {

    /** Adds an event; completes once it is stored, or fails when the queue cannot take it. */
    CompletableFuture<Void> add(QueuedEvent event);

    /** Up to {@code max} events for this node to send, oldest first; empty when none wait. */
    CompletableFuture<List<QueuedEvent>> take(int max);

    /** This node still holds the batch (retrying it): no other node may take it. */
    CompletableFuture<Void> keep(List<QueuedEvent> batch);

    /** The batch is delivered or given up: it leaves the queue. */
    CompletableFuture<Void> done(List<QueuedEvent> batch);

    /** Events waiting or being sent, as last seen (a cluster's queue is counted on {@link #refresh}). */
    long pending();

    /** When the oldest waiting event happened (ms since the epoch), as last seen; 0 when none wait. */
    long oldestTime();

    /** Updates {@link #pending} and {@link #oldestTime} where they are not known at once. */
    default CompletableFuture<Void> refresh() {
        return CompletableFuture.completedFuture(null);
    }
}
