package io.qrpush.server.history;

/**
 * Where {@link MemoryHistory} hands each appended publication, in offset order: it is called
 * under the channel's lock, so it must only queue (the node's fan-out does), never block.
 */
@FunctionalInterface
public interface HistoryDelivery {
    /** @param epoch the epoch the entry's offset counts in */
    void deliver(HistoryEntry entry, String epoch);
}
