package io.qrpush.server.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletableFuture;

/** What a {@link ChannelFeature} may ask of its node: publish, and count subscribers. */
public interface FeatureHost {

    /**
     * Publishes a message the server makes itself (no sender, no receipt, no dedupe) to every
     * subscriber of the channel on every node.
     */
    CompletableFuture<PublishResult> publish(ChannelKey channel, JsonNode content);

    /** Subscribers of the channel on this node, now. */
    int localSubscribers(ChannelKey channel);

    /** Subscribers of the channel across all nodes (best effort in a cluster). */
    CompletableFuture<Long> subscriberCount(ChannelKey channel);
}
