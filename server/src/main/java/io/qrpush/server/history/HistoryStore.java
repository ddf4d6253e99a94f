package io.qrpush.server.history;

import io.qrpush.server.config.NamespaceSettings;
import io.qrpush.server.core.ChannelKey;
import io.qrpush.server.core.Publication;
import java.util.concurrent.CompletableFuture;

/**
 * Channel history with offsets and epochs (docs/protocol.md section 6), for channels whose
 * namespace has {@code historySize > 0}. Callers pass the channel's {@link NamespaceSettings};
 * a channel without history is never handed to a store.
 *
 * <p>Appending is also how a history publication is delivered: the store gives it its offset and
 * hands it on in offset order ({@link MemoryHistory} to its {@link HistoryDelivery} under the
 * channel's lock; the Redis store publishes it to every node in the same script), so every
 * subscriber sees the offsets in the one order. Failures complete exceptionally with
 * {@code BrokerUnavailableException} (503).
 */
public interface HistoryStore extends AutoCloseable {
    /** Stores {@code p}, delivers it, and completes with its offset and the epoch. */
    CompletableFuture<StreamPosition> append(Publication p, NamespaceSettings ns);

    /**
     * The latest offset and the epoch, for a subscribe reply. A channel without history yet gets
     * its epoch now (offset 0), so the first publish keeps the epoch its subscribers were told.
     */
    CompletableFuture<StreamPosition> position(ChannelKey channel, NamespaceSettings ns);

    /** Kept publications as {@code query} asks, with the position read at the same instant. */
    CompletableFuture<HistoryPage> read(ChannelKey channel, NamespaceSettings ns, HistoryQuery query);

    /** Recovery from {@code client}: see {@link Recovery#decide}. */
    CompletableFuture<Recovery> recover(ChannelKey channel, NamespaceSettings ns, StreamPosition client);

    @Override
    void close();
}
