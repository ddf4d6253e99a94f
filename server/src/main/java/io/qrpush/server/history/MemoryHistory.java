package io.qrpush.server.history;

import io.qrpush.server.config.NamespaceSettings;
import io.qrpush.server.core.ChannelKey;
import io.qrpush.server.core.Publication;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * History on a single node: a bounded {@link ChannelRing} per channel, dropped {@code historyTtl}
 * after the channel's last publish. An expired ring is void at once (its next use starts a new
 * epoch); {@link #sweep()}, run by the node once a second, frees its memory. Everything completes
 * synchronously.
 */
public final class MemoryHistory implements HistoryStore {
    private final ConcurrentHashMap<ChannelKey, ChannelRing> rings = new ConcurrentHashMap<>();
    private final HistoryDelivery delivery;
    private final LongSupplier clockMillis;
    private final Supplier<String> epochs;

    /** @param delivery gets each publication in offset order, under its channel's lock */
    public MemoryHistory(HistoryDelivery delivery, LongSupplier clockMillis, Supplier<String> epochs) {
        this.delivery = delivery;
        this.clockMillis = clockMillis;
        this.epochs = epochs;
    }

    public MemoryHistory(HistoryDelivery delivery) {
        this(delivery, System::currentTimeMillis, StreamPosition::newEpoch);
    }

    @Override
    public CompletableFuture<StreamPosition> append(Publication p, NamespaceSettings ns) {
        return CompletableFuture.completedFuture(withRing(p.channel(), ns,
                ring -> ring.append(p, ns, clockMillis.getAsLong(), delivery)));
    }

    @Override
    public CompletableFuture<StreamPosition> position(ChannelKey channel, NamespaceSettings ns) {
        return CompletableFuture.completedFuture(page(channel, ns, ReadRange.NOTHING).position());
    }

    @Override
    public CompletableFuture<HistoryPage> read(ChannelKey channel, NamespaceSettings ns, HistoryQuery query) {
        return CompletableFuture.completedFuture(page(channel, ns, ReadRange.of(query, ns)));
    }

    @Override
    public CompletableFuture<Recovery> recover(ChannelKey channel, NamespaceSettings ns, StreamPosition client) {
        HistoryPage page = page(channel, ns, ReadRange.recovery(client, ns));
        return CompletableFuture.completedFuture(Recovery.decide(client, page.position(), page.publications()));
    }

    /** Frees the rings whose ttl ran out; returns how many. One pass over the channels with history. */
    public int sweep() {
        long now = clockMillis.getAsLong();
        int freed = 0;
        for (Iterator<Map.Entry<ChannelKey, ChannelRing>> it = rings.entrySet().iterator(); it.hasNext(); ) {
            if (it.next().getValue().retireIfExpired(now)) {
                it.remove();
                freed++;
            }
        }
        return freed;
    }

    /** Channels holding a ring, for metrics and tests. */
    public int channels() {
        return rings.size();
    }

    private HistoryPage page(ChannelKey channel, NamespaceSettings ns, ReadRange range) {
        return withRing(channel, ns, ring -> ring.read(range, ns, clockMillis.getAsLong()));
    }

    /** Runs {@code op} on the channel's ring; a ring the sweeper retired meanwhile is replaced. */
    private <T> T withRing(ChannelKey channel, NamespaceSettings ns, Function<ChannelRing, T> op) {
        while (true) {
            ChannelRing ring = rings.computeIfAbsent(channel, k -> new ChannelRing(epochs, clockMillis.getAsLong(), ns));
            T result = op.apply(ring);
            if (result != null) {
                return result;
            }
            rings.remove(channel, ring);
        }
    }

    @Override
    public void close() {
        rings.clear();
    }
}
