package io.qrpush.server.presence;

import io.qrpush.server.core.ChannelKey;
import java.util.concurrent.CompletableFuture;

/**
 * Who is subscribed to each presence channel (docs/protocol.md section 7), across the cluster.
 * Joins and leaves go to the store's {@link PresenceListener}, once per user: the first
 * {@link #add} of a user on a channel is a join, the {@link #remove} of its last connection
 * a leave. Failures complete exceptionally with {@code BrokerUnavailableException} (503).
 */
public interface PresenceStore extends AutoCloseable {
    /** Records a subscription; adding a sid that is there already changes nothing. */
    CompletableFuture<Void> add(ChannelKey channel, PresenceClient client);

    /** Forgets a subscription (unsubscribe or close); an unknown sid changes nothing. */
    CompletableFuture<Void> remove(ChannelKey channel, String sid);

    /** Every connection on the channel and the number of distinct users. */
    CompletableFuture<Presence> presence(ChannelKey channel);

    /** The counts alone, without listing anyone. */
    CompletableFuture<PresenceStats> stats(ChannelKey channel);

    /**
     * Periodic upkeep, run by the node every {@code pingInterval}: in a cluster, keeps this node
     * listed as alive and removes the entries of nodes that are not (with their leaves).
     * Completes with the number of dead nodes cleared.
     */
    default CompletableFuture<Integer> tick() {
        return CompletableFuture.completedFuture(0);
    }

    @Override
    void close();
}
