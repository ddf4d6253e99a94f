package io.qrpush.server.core;

import io.qrpush.protocol.ServerFrame;

/** What a broker calls on its node when something arrives for it. */
public interface BrokerHandler {

    /** Hands a publication to this node's subscribers; returns how many got it. */
    int deliver(Publication publication);

    /** A receipt for a connection on this node. */
    void receipt(String sid, ServerFrame.Receipt receipt);

    /** Kicks the user's connections on this node; returns how many. */
    int disconnectUser(String appkey, String userId);

    /** Subscribers of the channel on this node. */
    int localSubscribers(ChannelKey channel);

    /** Frames posted on another node for a stream of this node; false when it is not here (any more). */
    boolean deliverUplink(Uplink uplink);
}
