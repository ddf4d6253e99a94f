package io.qrpush.server.webhook;

import io.qrpush.server.core.ChannelKey;
import java.util.concurrent.CompletableFuture;

/**
 * Which channels are occupied, shared by every node: the one node whose {@link #mark} set a
 * channel's mark sends {@code channel.occupied}, and the one whose {@link #unmark} cleared it
 * sends {@code channel.vacated}, so each is sent once however many nodes see the change.
 */
public interface OccupancyMarks {

    /** Marks the channel occupied; true when it was not marked before. */
    CompletableFuture<Boolean> mark(ChannelKey channel);

    /** Clears the channel's mark; true when it was marked. */
    CompletableFuture<Boolean> unmark(ChannelKey channel);
}
