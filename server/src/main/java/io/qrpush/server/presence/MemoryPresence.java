package io.qrpush.server.presence;

import io.qrpush.server.core.ChannelKey;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Presence on a single node. Each channel's entries change under that channel's map lock, and
 * the listener is told there too, so a user's join and leave reach it in the order they happened.
 * A channel's entry is freed with its last subscriber. Everything completes synchronously.
 */
public final class MemoryPresence implements PresenceStore {
    private final ConcurrentHashMap<ChannelKey, ChannelPresence> channels = new ConcurrentHashMap<>();
    private final PresenceListener listener;

    public MemoryPresence(PresenceListener listener) {
        this.listener = listener;
    }

    @Override
    public CompletableFuture<Void> add(ChannelKey channel, PresenceClient client) {
        channels.compute(channel, (k, p) -> {
            ChannelPresence here = p != null ? p : new ChannelPresence();
            if (here.add(client)) {
                listener.changed(new PresenceEvent(PresenceEvent.Kind.JOIN, channel, client.userId(), client.name()));
            }
            return here;
        });
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> remove(ChannelKey channel, String sid) {
        channels.computeIfPresent(channel, (k, here) -> {
            PresenceClient last = here.remove(sid);
            if (last != null) {
                listener.changed(new PresenceEvent(PresenceEvent.Kind.LEAVE, channel, last.userId(), last.name()));
            }
            return here.isEmpty() ? null : here;
        });
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Presence> presence(ChannelKey channel) {
        ChannelPresence here = channels.get(channel);
        return CompletableFuture.completedFuture(here == null ? new Presence(List.of(), 0) : here.presence());
    }

    @Override
    public CompletableFuture<PresenceStats> stats(ChannelKey channel) {
        ChannelPresence here = channels.get(channel);
        return CompletableFuture.completedFuture(here == null ? new PresenceStats(0, 0) : here.stats());
    }

    /** Channels with at least one entry, for metrics and tests. */
    public int channels() {
        return channels.size();
    }

    @Override
    public void close() {
        channels.clear();
    }
}
