package io.qrpush.server.history;

import io.qrpush.server.core.Publication;

/** A publication as a channel's history keeps it: with its offset, 1 for the channel's first. */
public record HistoryEntry(long offset, Publication publication) {
    public HistoryEntry {
        if (offset < 1) {
            throw new IllegalArgumentException("offsets start at 1, not " + offset);
        }
    }
}
