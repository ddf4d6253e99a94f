package io.qrpush.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrpush.server.core.ChannelKey;
import io.qrpush.server.core.Publication;
import io.qrpush.server.core.ReceiptTarget;
import io.qrpush.server.core.Uplink;
import java.util.ArrayList;
import java.util.List;
import java.io.IOException;

/**
 * How nodes talk through Redis pub/sub: publications on one Redis channel per qrpush channel,
 * and small control messages (receipts, kicks, counts, stream uplinks) on node and control channels. Short field
 * names keep the hot message small.
 */
final class ClusterMessages {
    static final String CONTROL = "qrpush:ctl";

    private final ObjectMapper mapper;

    ClusterMessages(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The Redis channel of a qrpush channel; appkeys hold no ':' so the split is unambiguous. */
    static String channelOf(ChannelKey key) {
        return "qrpush:c:" + key.appkey() + ":" + key.channel();
    }

    static String nodeChannel(String nodeId) {
        return "qrpush:n:" + nodeId;
    }

    String publication(String nodeId, Publication p) {
        ObjectNode o = mapper.createObjectNode()
                .put("n", nodeId)
                .put("a", p.channel().appkey())
                .put("c", p.channel().channel())
                .put("g", p.guid())
                .put("t", p.ts());
        if (p.from() != null) {
            o.put("f", p.from());
        }
        o.set("x", p.content());
        if (p.receiptTo() != null) {
            o.put("rn", p.receiptTo().nodeId()).put("rs", p.receiptTo().sid());
        }
        if (p.event() != null) {
            o.put("v", p.event());
        }
        return o.toString();
    }

    /** The publishing node's id, for skipping our own messages. */
    static String origin(JsonNode o) {
        return o.path("n").asText();
    }

    /** Whether the message carries its history offset ({@code "o"}, with its epoch {@code "e"}). */
    static boolean hasOffset(JsonNode o) {
        return o.has("o");
    }

    /** The publication, at its history offset when the message carries one. */
    Publication publication(JsonNode o) {
        ReceiptTarget to = o.has("rn") ? new ReceiptTarget(o.path("rn").asText(), o.path("rs").asText()) : null;
        return new Publication(new ChannelKey(o.path("a").asText(), o.path("c").asText()), o.path("g").asText(),
                o.hasNonNull("f") ? o.path("f").asText() : null, o.path("t").asLong(), o.path("x"), to,
                o.path("o").asLong(), hasOffset(o) ? o.path("e").asText() : null,
                o.hasNonNull("v") ? o.path("v").asText() : null);
    }

    /** A stream uplink forwarded to the node holding the stream; the frames travel as JSON text. */
    ObjectNode uplink(Uplink u) {
        ObjectNode o = mapper.createObjectNode().put("s", u.session()).put("a", u.appkey()).put("o", u.origin());
        ArrayNode frames = o.putArray("f");
        u.frames().forEach(frames::add);
        return o;
    }

    Uplink uplink(JsonNode o) {
        List<String> frames = new ArrayList<>();
        o.path("f").forEach(f -> frames.add(f.asText()));
        return new Uplink(o.path("s").asText(), o.hasNonNull("a") ? o.path("a").asText() : null,
                o.hasNonNull("o") ? o.path("o").asText() : null, frames);
    }

    JsonNode read(String message) throws IOException {
        return mapper.readTree(message);
    }

    ObjectNode object() {
        return mapper.createObjectNode();
    }
}
