package io.qrpush.server.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CompletableFuture;

/** What a {@link ChannelFeature} may ask of its node: publish, tell, deliver here, listen, and count subscribers. */
public interface FeatureHost {

    /**
     * Publishes a message the server makes itself (no sender, no receipt, no dedupe) to every
     * subscriber of the channel on every node.
     */
    CompletableFuture<PublishResult> publish(ChannelKey channel, JsonNode content);

    /**
     * Hands a publication to this node's subscribers of its channel, with no broker in between:
     * for a feature that {@linkplain ChannelFeature#carries carries} its channels' publications
     * to every node itself. Must not block; returns how many subscribers got it.
     */
    int deliver(Publication publication);

    /**
     * Tells every subscriber of the channel on every node of an event with a frame of its own,
     * {@code {"op":<event>,"channel":...,<fields>}} ({@code join}, {@code leave}); completes with
     * the subscribers told on this node.
     */
    CompletableFuture<Integer> tell(ChannelKey channel, String event, ObjectNode fields);

    /**
     * Hands this node's copies of the channel's publications to {@code listener} as well, as to a
     * subscriber: in a cluster the broker is told when it is the node's first on the channel, so
     * what any node publishes reaches it. For a feature's own watchers (a long-poll), which count
     * as subscribers while they listen. Completes once the broker has it.
     */
    CompletableFuture<Void> listen(ChannelKey channel, Subscriber listener);

    /** Stops handing the channel's publications to {@code listener}. */
    void unlisten(ChannelKey channel, Subscriber listener);

    /** Subscribers of the channel on this node, now. */
    int localSubscribers(ChannelKey channel);

    /** Subscribers of the channel across all nodes (best effort in a cluster). */
    CompletableFuture<Long> subscriberCount(ChannelKey channel);
}
