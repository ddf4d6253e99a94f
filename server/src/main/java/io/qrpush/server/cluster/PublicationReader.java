package io.qrpush.server.cluster;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qrpush.protocol.RawJson;
import io.qrpush.server.core.ChannelKey;
import io.qrpush.server.core.Publication;
import io.qrpush.server.core.ReceiptTarget;
import java.io.IOException;
import java.util.function.Predicate;

/**
 * One publication message of {@link ClusterMessages}, read with the streaming parser: its channel
 * is checked as soon as it is known, and the content ({@code "x"}) is kept as the bytes another
 * node wrote, which that node's codec had validated, never parsed into a tree.
 */
final class PublicationReader {
    private final ObjectMapper mapper;
    private final byte[] utf8;
    private boolean placed;
    private long offset;
    private String epoch;
    private String origin;
    private String appkey;
    private String channel;
    private String guid;
    private String from;
    private long ts;
    private RawJson content;
    private String receiptNode;
    private String receiptSid;
    private String event;

    PublicationReader(ObjectMapper mapper, byte[] utf8) {
        this.mapper = mapper;
        this.utf8 = utf8;
    }

    Publication read(String ownNode, Predicate<ChannelKey> wanted) throws IOException {
        boolean checked = false;
        try (JsonParser parser = mapper.createParser(utf8)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("a publication message is a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                field(name, parser);
                if (!checked && appkey != null && channel != null) {
                    checked = true;
                    if (!wanted.test(new ChannelKey(appkey, channel))) {
                        return null;
                    }
                }
            }
        }
        if (!checked || guid == null || content == null) {
            throw new IOException("a publication message needs a, c, g and x");
        }
        if (!placed && origin != null && origin.equals(ownNode)) {
            return null;
        }
        ReceiptTarget to = receiptNode == null ? null : new ReceiptTarget(receiptNode, receiptSid);
        return new Publication(new ChannelKey(appkey, channel), guid, from, ts, content, to, offset,
                placed ? epoch : null, event);
    }

    private void field(String name, JsonParser parser) throws IOException {
        switch (name) {
            case "o" -> {
                placed = true;
                offset = parser.getValueAsLong();
            }
            case "e" -> epoch = parser.getValueAsString();
            case "n" -> origin = parser.getValueAsString();
            case "a" -> appkey = parser.getValueAsString();
            case "c" -> channel = parser.getValueAsString();
            case "g" -> guid = parser.getValueAsString();
            case "f" -> from = parser.getValueAsString();
            case "t" -> ts = parser.getValueAsLong();
            case "x" -> content = RawJson.read(parser, utf8);
            case "rn" -> receiptNode = parser.getValueAsString();
            case "rs" -> receiptSid = parser.getValueAsString();
            case "v" -> event = parser.getValueAsString();
            default -> parser.skipChildren();
        }
    }
}
