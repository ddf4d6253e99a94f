package io.qrpush.server.history;

import io.qrpush.server.core.ChannelKey;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link HistoryStore} whose publications reach this node over a link that can lose some (Redis
 * pub/sub while its connection is re-established): {@link GapCheck} compares what this node
 * delivered with the stream's top through it. A store in this process loses nothing and is not one.
 */
public interface StreamTops {

    /**
     * The channel's latest offset and epoch now, read without changing anything (no new epoch is
     * started); null when the channel keeps no history now. Calls for many channels may be made
     * at once: they are pipelined.
     */
    CompletableFuture<StreamPosition> top(ChannelKey channel);

    /**
     * Runs {@code check} each time the link is back after a loss (its subscriptions confirmed
     * again): what was published meanwhile never arrived, and no later publication may come to
     * show it.
     */
    void whenLinkBack(Runnable check);
}
