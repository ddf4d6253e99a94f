package io.qrpush.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.BufferRecycler;
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
 * <p>Nesting is capped: a deeply nested frame is a 400, not a stack overflow.
 */
public final class FrameCodec {
    /** Deeper JSON than this is refused; no real message nests that far. */
    public static final int MAX_NESTING = Json.MAX_NESTING;

    private final ObjectMapper mapper;
    private final ClientFrameReader reader;

    public FrameCodec() {
        this.mapper = Json.newMapper();
        this.reader = new ClientFrameReader(mapper);
    }

    /** The mapper behind this codec, configured with its limits, for JSON elsewhere in a frame's life. */
    public ObjectMapper mapper() {
        return mapper;
    }

    /**
     * Reads one client frame. Its bytes must be well-formed UTF-8, which each transport makes sure
     * of before: a WebSocket checks every text message strictly ({@link Utf8}, close 1007), and an
     * HTTP uplink's frames are strings re-encoded by Java. A publish's content leaves as the bytes
     * it came as, so it is never checked twice.
     *
     * @throws FrameException with the error word and, where it could be read, the request id
     */
    public ClientFrame decodeClient(byte[] utf8) {
        return reader.read(utf8);
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
                if (m.offset() > 0) {
                    gen.writeNumberField("offset", m.offset());
                }
                gen.writeFieldName("content");
                m.content().writeTo(gen);
            } else if (frame instanceof ServerFrame.ChannelEvent e) {
                gen.writeStringField("channel", e.channel());
                Iterator<Map.Entry<String, JsonNode>> it = e.fields().fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> f = it.next();
                    gen.writeFieldName(f.getKey());
                    writeValue(gen, f.getValue());
                }
            } else if (frame instanceof ServerFrame.Receipt r) {
                gen.writeStringField("channel", r.channel());
                gen.writeStringField("guid", r.guid());
                gen.writeStringField("by", r.by());
            } else if (frame instanceof ServerFrame.Disconnect d) {
                gen.writeNumberField("code", d.code());
                gen.writeStringField("reason", d.reason());
                gen.writeBooleanField("reconnect", d.reconnect());
                if (d.delay() != null) {
                    gen.writeArrayFieldStart("delay");
                    gen.writeNumber(d.delay().minMillis());
                    gen.writeNumber(d.delay().maxMillis());
                    gen.writeEndArray();
                }
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
            writeValue(gen, e.getValue());
        }
    }

    /**
     * A field's value: scalars directly, containers as trees. {@code writeTree} looks a serializer
     * up through the ObjectMapper for every value, which was a measurable part of each publish
     * reply (its fields are all scalars).
     */
    private static void writeValue(JsonGenerator gen, JsonNode v) throws IOException {
        if (v.isTextual()) {
            gen.writeString(v.textValue());
        } else if (v.isInt()) {
            gen.writeNumber(v.intValue());
        } else if (v.isLong()) {
            gen.writeNumber(v.longValue());
        } else if (v.isBoolean()) {
            gen.writeBoolean(v.booleanValue());
        } else if (v.isNull()) {
            gen.writeNull();
        } else {
            gen.writeTree(v);
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
                if (s.recover() != null) {
                    gen.writeObjectFieldStart("recover");
                    gen.writeNumberField("offset", s.recover().offset());
                    gen.writeStringField("epoch", s.recover().epoch());
                    gen.writeEndObject();
                }
            } else if (frame instanceof ClientFrame.Unsubscribe u) {
                gen.writeStringField("channel", u.channel());
            } else if (frame instanceof ClientFrame.Publish p) {
                writePublish(gen, p);
            } else if (frame instanceof ClientFrame.Ack a) {
                gen.writeStringField("channel", a.channel());
                gen.writeStringField("guid", a.guid());
            } else if (frame instanceof ClientFrame.ChannelQuery q) {
                writeQuery(gen, q);
            }
        });
    }

    /** A channel query as the SDK sends it: its own fields follow channel and token. */
    private static void writeQuery(JsonGenerator gen, ClientFrame.ChannelQuery q) throws IOException {
        gen.writeStringField("channel", q.channel());
        optional(gen, "token", q.token());
        for (Map.Entry<String, JsonNode> e : q.params().properties()) {
            gen.writeFieldName(e.getKey());
            writeValue(gen, e.getValue());
        }
    }

    private static void writePublish(JsonGenerator gen, ClientFrame.Publish p) throws IOException {
        gen.writeStringField("channel", p.channel());
        gen.writeFieldName("content");
        p.content().writeTo(gen);
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
                JsonNode id = n.get("id");
                int code = n.path("code").asInt();
                String error = textOrNull(n, "error");
                String message = textOrNull(n, "message");
                // The tree was parsed for this call alone: what is left of it once the envelope's
                // fields are read is the body, with no copy.
                ObjectNode body = (ObjectNode) n;
                body.remove(List.of("op", "id", "code", "error", "message"));
                yield new ServerFrame.Reply(id == null || id.isNull() ? null : id.longValue(), code, error, message, body);
            }
            case "message" -> new ServerFrame.Message(n.path("channel").asText(), n.path("guid").asText(),
                    textOrNull(n, "from"), n.path("ts").asLong(), RawJson.of(n.path("content")), n.path("offset").asLong(0));
            case "receipt" -> new ServerFrame.Receipt(n.path("channel").asText(), n.path("guid").asText(),
                    n.path("by").asText());
            case "join", "leave" -> {
                ObjectNode fields = (ObjectNode) n;
                String channel = n.path("channel").asText();
                fields.remove(List.of("op", "channel"));
                yield new ServerFrame.ChannelEvent(op, channel, fields);
            }
            case "pong" -> new ServerFrame.Pong();
            case "disconnect" -> disconnect(n);
            default -> throw new IllegalArgumentException("unknown server op: " + ClientFrameReader.shorten(op));
        };
    }

    /**
     * A disconnect counts only with a whole-number code and a boolean {@code reconnect}: without them a
     * client could only guess, so such a frame is refused and the close code alone decides. A
     * malformed {@code delay} is dropped, not the frame (docs/protocol.md, "Client behaviour").
     */
    private static ServerFrame.Disconnect disconnect(JsonNode n) {
        JsonNode code = n.get("code");
        JsonNode reconnect = n.get("reconnect");
        if (code == null || !code.isNumber() || !code.canConvertToExactIntegral() || !code.canConvertToInt()
                || reconnect == null || !reconnect.isBoolean()) {
            throw new IllegalArgumentException("disconnect frame needs a numeric code and a boolean reconnect");
        }
        JsonNode d = n.get("delay");
        ReconnectDelay delay = d != null && d.isArray() && d.size() == 2 && d.get(0).isNumber() && d.get(1).isNumber()
                ? ReconnectDelay.fromWire(d.get(0).asDouble(), d.get(1).asDouble()) : null;
        return new ServerFrame.Disconnect(code.asInt(), n.path("reason").asText(), reconnect.asBoolean(), delay);
    }

    private static String textOrNull(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private interface Body {
        void write(JsonGenerator gen) throws IOException;
    }

    /**
     * Writes a frame into a buffer borrowed from Jackson's recycler pool, so a frame costs
     * one array of its exact size rather than a fresh buffer, its growth and then the copy.
     */
    private byte[] write(Body body) {
        BufferRecycler recycler = mapper.getFactory()._getBufferRecycler();
        try (ByteArrayBuilder out = new ByteArrayBuilder(recycler);
             JsonGenerator gen = mapper.getFactory().createGenerator(out)) {
            gen.writeStartObject();
            body.write(gen);
            gen.writeEndObject();
            gen.flush();
            byte[] frame = out.toByteArray();
            out.release();
            return frame;
        } catch (IOException e) {
            throw new UncheckedIOException("encoding a frame failed", e);
        } finally {
            recycler.releaseToPool();
        }
    }
}
