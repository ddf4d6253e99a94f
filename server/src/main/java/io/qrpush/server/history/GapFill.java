package io.qrpush.server.history;

import java.util.concurrent.CompletableFuture;

/** Where a {@link CatchUpStage} reads back live messages that did not reach it: the channel's history. */
interface GapFill {
    /** Every kept publication after {@code sent}, or the loss stated; see {@link Recovery#decide}. */
    CompletableFuture<Recovery> after(StreamPosition sent);

    /** The {@code message} frame of a publication read back, as the live one would have been. */
    byte[] frame(HistoryEntry entry);
}
