package io.qrpush.server.history;

import java.util.List;

/**
 * The answer to a history read: publications in the order asked for, and where the channel
 * stands (its latest offset and epoch), read at the same instant as the publications.
 */
public record HistoryPage(List<HistoryEntry> publications, StreamPosition position) {
    public HistoryPage {
        publications = List.copyOf(publications);
    }
}
