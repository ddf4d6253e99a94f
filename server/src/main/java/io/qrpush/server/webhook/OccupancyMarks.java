package io.qrpush.server.webhook;

import io.qrpush.server.core.ChannelKey;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Which channels are occupied, shared by every node: the one node whose {@link #mark} set a
 * channel's mark sends {@code channel.occupied}, and the one whose {@link #unmark} cleared it
 * sends {@code channel.vacated}, so each is sent once however many nodes see the change.
 *
 * <p>In a cluster each node also keeps its share, the channels it holds subscribers of, tied to
 * its liveness ({@link #upkeep}): a node that dies without leaving its channels leaves marks that
 * nobody else would clear, so a survivor is handed the dead node's channels to check.
 */
public interface OccupancyMarks {

    /** What one {@link #upkeep} found. */
    record Upkeep(boolean relisted, List<ChannelKey> orphaned) {
        /** Nothing to do: one process, or nobody died. */
        public static final Upkeep NONE = new Upkeep(false, List.of());

        /**
         * @param relisted this node was not listed alive (its first upkeep, or a survivor took
         *                 its share after a stall): its channels must be marked again
         * @param orphaned channels in the share of nodes found dead now, each handed to one node
         */
        public Upkeep {
            orphaned = List.copyOf(orphaned);
        }
    }

    /** This node holds subscribers of the channel now: marks it occupied; true when it was not marked before. */
    CompletableFuture<Boolean> mark(ChannelKey channel);

    /** This node holds no subscriber of the channel any more; the mark stays for {@link #unmark}. */
    default void release(ChannelKey channel) {
    }

    /** Clears the channel's mark; true when it was marked. */
    CompletableFuture<Boolean> unmark(ChannelKey channel);

    /**
     * Once per liveness interval: this node is alive for a while more, and the nodes whose time
     * ran out are found. One process has nobody else to outlive it.
     */
    default CompletableFuture<Upkeep> upkeep() {
        return CompletableFuture.completedFuture(Upkeep.NONE);
    }
}
