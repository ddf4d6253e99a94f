package io.qrpush.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A history read: the publications asked for, and the channel's latest position. A {@code since}
 * of another epoch gets no publications: compare {@code latest().epoch()} with yours.
 */
public record HistoryPage(List<Message> publications, StreamPosition latest) {
    public HistoryPage {
        publications = List.copyOf(publications);
    }

    /** Reads a {@code history} reply or the server API's answer. */
    static HistoryPage of(JsonNode n, String channel) {
        List<Message> pubs = new ArrayList<>();
        n.path("publications").forEach(p -> pubs.add(Message.of(p, channel)));
        return new HistoryPage(pubs, new StreamPosition(n.path("offset").asLong(), n.path("epoch").asText()));
    }
}
