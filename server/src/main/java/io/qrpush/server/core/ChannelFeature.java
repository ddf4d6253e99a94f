package io.qrpush.server.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrpush.protocol.ClientFrame;
import io.qrpush.protocol.ProtocolException;
import java.util.concurrent.CompletableFuture;

/**
 * A feature plugged into the node for the channels it {@link #claims}: scan-to-login today;
 * history, presence and webhooks next. The node is given its features when it is built and
 * calls them at fixed points of a channel's life; it knows none of them by name.
 *
 * <p>Every hook has a default that does nothing, so a feature implements only what it needs.
 * Hooks run on the calling session's thread (publish decoration on the publisher's), must not
 * block, and answer through futures. A hook refuses by failing its future (or throwing) with a
 * {@link ProtocolException}; any other failure is a 500 to the client. Features see the hooks of
 * a channel in the order they were given to the node.
 */
public interface ChannelFeature {

    /**
     * Whether this feature sees the channel's events: a prefix or namespace test, called for every
     * request on every channel, so it must be cheap and allocate nothing.
     */
    boolean claims(String channel);

    /** Called once, by the node being built, with what a feature may ask of it. */
    default void start(FeatureHost host) {
    }

    /**
     * Who receives the claimed channel's messages for a subscription about to begin: null for the
     * connection itself, or a stage of the feature's that stands between the hub and
     * {@code connection} for as long as the subscription lasts (to hold messages back while the
     * reply is prepared, or to drop repeats). The first feature to answer one wins.
     */
    default Subscriber receiver(Caller caller, ClientFrame.Subscribe request, Subscriber connection) {
        return null;
    }

    /**
     * A client subscribed to a claimed channel: it is in the channel already (so it misses
     * nothing published from now on) but not yet answered. The feature may add fields to the
     * reply before its future completes (a state snapshot, a history position), or refuse, which
     * takes the client out of the channel again.
     */
    default CompletableFuture<Void> subscribed(Caller caller, ClientFrame.Subscribe request, ObjectNode reply) {
        return null;
    }

    /**
     * A client publishes to a claimed channel. Null lets the node check and publish it as usual;
     * a future takes the publish over (the node publishes nothing) and completes with the reply's
     * fields. A feature that takes publishes over checks who may send them.
     */
    default CompletableFuture<ObjectNode> publishing(Caller caller, ClientFrame.Publish request) {
        return null;
    }

    /**
     * Any publication on a claimed channel (from a client, the server API or a feature) is about to
     * reach the broker: null lets it go as it is; a future may hold it back until the feature has
     * recorded it and completes with the publication to send, which may be a decorated copy.
     */
    default CompletableFuture<Publication> publishes(Publication publication) {
        return null;
    }

    /**
     * Any publication on a claimed channel that no earlier feature held: null lets the broker carry
     * it; a future means this feature hands it to every node itself (in an order it keeps, through
     * {@link FeatureHost#deliver} or its own store) and completes with the publish's result. The
     * features after this one do not see the publication.
     */
    default CompletableFuture<PublishResult> carries(Publication publication) {
        return null;
    }

    /**
     * A request for a claimed channel that is not one of the node's own ({@code history},
     * {@code presence}, {@code presence_stats}), after the checks subscribing needs. Null when the
     * feature does not answer this op; else the reply's fields. An op no feature answers is 400
     * {@code not_enabled}.
     */
    default CompletableFuture<ObjectNode> query(Caller caller, ClientFrame.ChannelQuery request) {
        return null;
    }

    /** A subscriber acked a message of a claimed channel. */
    default void acked(Caller caller, ChannelKey channel, String guid) {
    }

    /** A subscription to a claimed channel ended: unsubscribed, or the connection closed. */
    default void left(Caller caller, ChannelKey channel) {
    }
}
