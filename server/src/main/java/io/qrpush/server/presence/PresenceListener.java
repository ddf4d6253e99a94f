package io.qrpush.server.presence;

/**
 * Told of every join and leave a store sees, including the leaves of entries a dead node left
 * behind. It runs on a store's thread (under a lock in {@link MemoryPresence}), so it only
 * queues: e.g. publishes the {@code join}/{@code leave} message through the broker.
 */
@FunctionalInterface
public interface PresenceListener {
    void changed(PresenceEvent event);
}
