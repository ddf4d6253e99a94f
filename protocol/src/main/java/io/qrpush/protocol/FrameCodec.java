package io.qrpush.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The one place that knows how frames look in JSON. Thread-safe; share one instance.
 *
 * <p>Client frames are read with a streaming parser so the byte size of {@code content} is
 * measured as it is read, without encoding it again. Nesting is capped: a deeply nested frame is
 * a 400, not a stack overflow.
 */
public final class FrameCodec {
    /** Deeper JSON than this is refused; no real message nests that far. */
    public static final int MAX_NESTING = 100;

    private final ObjectMapper mapper;

    public FrameCodec() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING)
                        .maxNumberLength(64)
                        .build())
                .build();
        this.mapper = new ObjectMapper(factory);
    }

    /** The mapper behind this codec, configured with its limits, for JSON elsewhere in a frame's life. */
    public ObjectMapper mapper() {
        return mapper;
    }

    /**
     * Reads one client frame.
     *
     * @throws FrameException with the error word and, where it could be read, the request id
     */
    public ClientFrame decodeClient(byte[] utf8) {
        ObjectNode fields = mapper.createObjectNode();
        JsonNode content = null;
        int contentBytes = 0;
        if (!looksLikeUtf8(utf8)) {
            throw malformed("frame must be UTF-8 JSON");
        }
        try (JsonParser parser = mapper.createParser(utf8)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw malformed("frame must be a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if ("content".equals(name)) {
                    long start = parser.currentTokenLocation().getByteOffset();
                    content = parser.readValueAsTree();
                    contentBytes = (int) (parser.currentLocation().getByteOffset() - start);
                } else {
                    fields.set(name, parser.readValueAsTree());
                }
            }
            if (parser.nextToken() != null) {
                throw malformed("one JSON object per frame");
            }
        } catch (IOException e) {
            throw malformed("frame is not valid JSON");
        }
        return toClientFrame(fields, content, contentBytes);
    }

    /**
     * Jackson guesses UTF-16 or UTF-32 from NUL bytes or a BOM in the first four bytes; such a
     * frame would be read with no byte offsets, so {@code contentBytes} would be 0 and the content
     * limit void. No UTF-8 JSON text holds a 0x00, 0xFE or 0xFF byte, so refusing them is exact.
     */
    private static boolean looksLikeUtf8(byte[] utf8) {
        for (int i = 0; i < Math.min(4, utf8.length); i++) {
            int b = utf8[i] & 0xFF;
            if (b == 0x00 || b == 0xFE || b == 0xFF) {
                return false;
            }
        }
        return true;
    }

    /** A number past the double range would be re-encoded as the string "Infinity": refuse it. */
    private static JsonNode finiteContent(JsonNode content, long id) {
        if (content != null && hasNonFiniteNumber(content)) {
            throw new FrameException(ErrorWord.BAD_REQUEST, "content numbers must be finite doubles", id);
        }
        return content;
    }

    private static boolean hasNonFiniteNumber(JsonNode n) {
        if (n.isFloatingPointNumber()) {
            return !Double.isFinite(n.doubleValue());
        }
        if (n.isContainerNode()) {
            for (JsonNode child : n) {
                if (hasNonFiniteNumber(child)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static ClientFrame toClientFrame(ObjectNode f, JsonNode content, int contentBytes) {
        JsonNode opNode = f.get("op");
        if (opNode == null || !opNode.isTextual()) {
            throw malformed("frame needs a string op");
        }
        String op = opNode.asText();
        switch (op) {
            case "ping":
                return new ClientFrame.Ping();
            case "ack":
                return new ClientFrame.Ack(text(f, "channel", null), text(f, "guid", null));
            default:
                break;
        }
        long id = requestId(f);
        return switch (op) {
            case "authorize" -> new ClientFrame.Authorize(id, text(f, "appkey", id), text(f, "userId", id),
                    text(f, "otp", id), text(f, "sdk", id));
            case "subscribe" -> new ClientFrame.Subscribe(id, text(f, "channel", id), text(f, "token", id));
            case "unsubscribe" -> new ClientFrame.Unsubscribe(id, text(f, "channel", id));
            case "publish" -> new ClientFrame.Publish(id, text(f, "channel", id), finiteContent(content, id),
                    contentBytes, text(f, "guid", id), integer(f, "retried", id), bool(f, "receipt", id));
            default -> throw new FrameException(ErrorWord.UNKNOWN_OP, "unknown op: " + shorten(op), id);
        };
    }

    private static long requestId(ObjectNode f) {
        JsonNode id = f.get("id");
        if (id == null || !id.isIntegralNumber() || !id.canConvertToLong()) {
            throw malformed("request needs an integer id");
        }
        return id.longValue();
    }

    private static String text(ObjectNode f, String field, Long id) {
        JsonNode v = f.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new FrameException(ErrorWord.BAD_REQUEST, field + " must be a string", id);
        }
        return v.asText();
    }

    private static int integer(ObjectNode f, String field, long id) {
        JsonNode v = f.get(field);
        if (v == null || v.isNull()) {
            return 0;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new FrameException(ErrorWord.BAD_REQUEST, field + " must be an integer", id);
        }
        return v.intValue();
    }

    private static boolean bool(ObjectNode f, String field, long id) {
        JsonNode v = f.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw new FrameException(ErrorWord.BAD_REQUEST, field + " must be true or false", id);
        }
        return v.booleanValue();
    }

    private static FrameException malformed(String message) {
        return new FrameException(ErrorWord.BAD_REQUEST, message, null);
    }

    private static String shorten(String s) {
        return s.length() <= 32 ? s : s.substring(0, 32) + "...";
    }

    /** Encodes a server frame as UTF-8 JSON. */
    public byte[] encode(ServerFrame frame) {
        return write(gen -> {
            gen.writeStringField("op", frame.op());
            if (frame instanceof ServerFrame.Reply r) {
                writeReply(gen, r);
            } else if (frame instanceof ServerFrame.Message m) {
                gen.writeStringField("channel", m.channel());
                gen.writeStringField("guid", m.guid());
                if (m.from() != null) {
                    gen.writeStringField("from", m.from());
                }
                gen.writeNumberField("ts", m.ts());
                gen.writeFieldName("content");
                gen.writeTree(m.content());
            } else if (frame instanceof ServerFrame.Receipt r) {
                gen.writeStringField("channel", r.channel());
                gen.writeStringField("guid", r.guid());
                gen.writeStringField("by", r.by());
            } else if (frame instanceof ServerFrame.Disconnect d) {
                gen.writeNumberField("code", d.code());
                gen.writeStringField("reason", d.reason());
                gen.writeBooleanField("reconnect", d.reconnect());
            }
        });
    }

    private static void writeReply(JsonGenerator gen, ServerFrame.Reply r) throws IOException {
        if (r.id() == null) {
            gen.writeNullField("id");
        } else {
            gen.writeNumberField("id", r.id());
        }
        gen.writeNumberField("code", r.code());
        if (r.error() != null) {
            gen.writeStringField("error", r.error());
            gen.writeStringField("message", r.message() == null ? r.error() : r.message());
        }
        Iterator<Map.Entry<String, JsonNode>> it = r.body().fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            gen.writeFieldName(e.getKey());
            gen.writeTree(e.getValue());
        }
    }

    /** Encodes a client frame; used by the SDK, the load tester and tests. */
    public byte[] encode(ClientFrame frame) {
        return write(gen -> {
            gen.writeStringField("op", frame.op());
            if (frame instanceof ClientFrame.Request req) {
                gen.writeNumberField("id", req.id());
            }
            if (frame instanceof ClientFrame.Authorize a) {
                gen.writeStringField("appkey", a.appkey());
                optional(gen, "userId", a.userId());
                optional(gen, "otp", a.otp());
                optional(gen, "sdk", a.sdk());
            } else if (frame instanceof ClientFrame.Subscribe s) {
                gen.writeStringField("channel", s.channel());
                optional(gen, "token", s.token());
            } else if (frame instanceof ClientFrame.Unsubscribe u) {
                gen.writeStringField("channel", u.channel());
            } else if (frame instanceof ClientFrame.Publish p) {
                writePublish(gen, p);
            } else if (frame instanceof ClientFrame.Ack a) {
                gen.writeStringField("channel", a.channel());
                gen.writeStringField("guid", a.guid());
            }
        });
    }

    private static void writePublish(JsonGenerator gen, ClientFrame.Publish p) throws IOException {
        gen.writeStringField("channel", p.channel());
        gen.writeFieldName("content");
        gen.writeTree(p.content());
        optional(gen, "guid", p.guid());
        if (p.retried() > 0) {
            gen.writeNumberField("retried", p.retried());
        }
        if (p.receipt()) {
            gen.writeBooleanField("receipt", true);
        }
    }

    private static void optional(JsonGenerator gen, String field, String value) throws IOException {
        if (value != null) {
            gen.writeStringField(field, value);
        }
    }

    /** Reads a server frame; used by the SDK, the load tester and tests. */
    public ServerFrame decodeServer(byte[] utf8) {
        JsonNode n;
        try {
            n = mapper.readTree(utf8);
        } catch (IOException e) {
            throw new IllegalArgumentException("server frame is not JSON", e);
        }
        String op = n.path("op").asText("");
        return switch (op) {
            case "reply" -> {
                ObjectNode body = ((ObjectNode) n).deepCopy();
                body.remove(List.of("op", "id", "code", "error", "message"));
                JsonNode id = n.get("id");
                yield new ServerFrame.Reply(id == null || id.isNull() ? null : id.longValue(),
                        n.path("code").asInt(), textOrNull(n, "error"), textOrNull(n, "message"), body);
            }
            case "message" -> new ServerFrame.Message(n.path("channel").asText(), n.path("guid").asText(),
                    textOrNull(n, "from"), n.path("ts").asLong(), n.path("content"));
            case "receipt" -> new ServerFrame.Receipt(n.path("channel").asText(), n.path("guid").asText(),
                    n.path("by").asText());
            case "pong" -> new ServerFrame.Pong();
            case "disconnect" -> new ServerFrame.Disconnect(n.path("code").asInt(), n.path("reason").asText(),
                    n.path("reconnect").asBoolean());
            default -> throw new IllegalArgumentException("unknown server op: " + shorten(op));
        };
    }

    private static String textOrNull(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private interface Body {
        void write(JsonGenerator gen) throws IOException;
    }

    private byte[] write(Body body) {
        try (ByteArrayBuilder out = new ByteArrayBuilder(256);
             JsonGenerator gen = mapper.getFactory().createGenerator(out)) {
            gen.writeStartObject();
            body.write(gen);
            gen.writeEndObject();
            gen.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("encoding a frame failed", e);
        }
    }
}
