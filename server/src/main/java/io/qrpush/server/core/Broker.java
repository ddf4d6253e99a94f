package io.qrpush.server.core;

import io.qrpush.protocol.ServerFrame;
import java.util.concurrent.CompletableFuture;

/**
 * Carries what must reach other nodes: publications, receipts, kicks and stream uplinks. The memory broker hands
 * everything straight back to this node; a Redis broker fans out between nodes. Every call is
 * non-blocking and may fail with {@link BrokerUnavailableException}.
 */
public interface Broker extends AutoCloseable {

    /** Starts delivery to this node's handler. */
    void start(BrokerHandler handler);

    /** Sends a publication to every node; completes with the deliveries counted on this node. */
    CompletableFuture<Integer> publish(Publication publication);

    /** This node gained its first subscriber of a channel and wants its publications. */
    CompletableFuture<Void> subscribe(ChannelKey channel);

    /** This node lost its last subscriber of a channel. */
    CompletableFuture<Void> unsubscribe(ChannelKey channel);

    /** Routes a receipt to the publisher's node. */
    CompletableFuture<Void> sendReceipt(ReceiptTarget target, ServerFrame.Receipt receipt);

    /** Closes every connection of the user on every node with 4011; completes with how many. */
    CompletableFuture<Integer> disconnectUser(String appkey, String userId);

    /** Subscribers of the channel across all nodes (best effort in a cluster). */
    CompletableFuture<Long> subscriberCount(ChannelKey channel);

    /**
     * Hands frames posted for a stream to the node holding it; completes with whether that node
     * has the stream. A broker of one node has no other node to ask.
     */
    default CompletableFuture<Boolean> forwardUplink(String nodeId, Uplink uplink) {
        return CompletableFuture.completedFuture(false);
    }

    /** Whether the broker can serve now; drives {@code /healthz}. */
    boolean isHealthy();

    @Override
    void close();
}
