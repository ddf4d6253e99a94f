package io.qrpush.server.history;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrpush.server.core.Publication;
import java.util.List;

/** The JSON of history answers, the same for the WebSocket ops and the server API. */
final class HistoryJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private HistoryJson() {
    }

    /** Adds {@code "offset"} and {@code "epoch"}. */
    static ObjectNode position(ObjectNode body, StreamPosition at) {
        return body.put("offset", at.offset()).put("epoch", at.epoch());
    }

    /** Adds {@code "publications"}: message objects (the fields of a {@code message} frame) in the given order. */
    static ObjectNode publications(ObjectNode body, List<HistoryEntry> entries) {
        ArrayNode out = body.putArray("publications");
        for (HistoryEntry e : entries) {
            Publication p = e.publication();
            ObjectNode m = out.addObject().put("channel", p.channel().channel()).put("guid", p.guid());
            if (p.from() != null) {
                m.put("from", p.from());
            }
            // The content stays the bytes it arrived as: it is written raw wherever this tree is written.
            m.put("ts", p.ts()).put("offset", e.offset()).putPOJO("content", p.content());
        }
        return body;
    }

    /** The answer to {@code history}: the page's publications, then where the channel stands. */
    static ObjectNode page(HistoryPage page) {
        return position(publications(JSON.objectNode(), page.publications()), page.position());
    }
}
