package io.qrpush.server.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.qrpush.protocol.ServerFrame;
import java.util.concurrent.CompletableFuture;

/** What a {@link ChannelFeature} may ask of its node: publish, send to its subscribers, and count them. */
public interface FeatureHost {

    /**
     * Publishes a message the server makes itself (no sender, no receipt, no dedupe) to every
     * subscriber of the channel on every node.
     */
    CompletableFuture<PublishResult> publish(ChannelKey channel, JsonNode content);

    /**
     * Sends a frame other than a message (presence's {@code join} and {@code leave}) to the
     * channel's subscribers on this node only; a feature that spans a cluster tells the other
     * nodes through its own shared store. Returns how many it was sent to.
     */
    int sendToLocalSubscribers(ChannelKey channel, ServerFrame frame);

    /** Subscribers of the channel on this node, now. */
    int localSubscribers(ChannelKey channel);

    /** Subscribers of the channel across all nodes (best effort in a cluster). */
    CompletableFuture<Long> subscriberCount(ChannelKey channel);
}
