package io.qrpush.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads client frames for {@link FrameCodec}. A streaming parser measures the byte size of
 * {@code content} as it is read, so the server checks its limit without encoding it again.
 */
final class ClientFrameReader {
    /** The epochs the server gives are base64url; a longer or other one cannot be the server's. */
    private static final Pattern EPOCH = Pattern.compile("[A-Za-z0-9_\\-]{1,64}");

    private final ObjectMapper mapper;

    ClientFrameReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ClientFrame read(byte[] utf8) {
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
        } catch (IOException | IllegalArgumentException | ArithmeticException e) {
            // exact decimals throw NumberFormatException (an IllegalArgumentException) for absurd exponents
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
            case "subscribe" -> new ClientFrame.Subscribe(id, text(f, "channel", id), text(f, "token", id),
                    recover(f, id));
            case "unsubscribe" -> new ClientFrame.Unsubscribe(id, text(f, "channel", id));
            case "history", "presence", "presence_stats" -> new ClientFrame.ChannelQuery(id, op,
                    text(f, "channel", id), text(f, "token", id), paramsOf(f));
            case "publish" -> new ClientFrame.Publish(id, text(f, "channel", id), content,
                    contentBytes, text(f, "guid", id), integer(f, "retried", id), bool(f, "receipt", id));
            default -> throw new FrameException(ErrorWord.UNKNOWN_OP, "unknown op: " + shorten(op), id);
        };
    }

    /** A channel query's own fields: everything but the ones every request has. */
    private static ObjectNode paramsOf(ObjectNode f) {
        ObjectNode params = f.deepCopy();
        params.remove(List.of("op", "id", "channel", "token"));
        return params;
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

    /** {@code "recover":{"offset":N,"epoch":"E"}}, or null when absent. */
    private static ClientFrame.Recover recover(ObjectNode f, long id) {
        JsonNode v = f.get("recover");
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            throw new FrameException(ErrorWord.BAD_REQUEST, "recover must be {\"offset\":N,\"epoch\":\"...\"}", id);
        }
        JsonNode offset = v.get("offset");
        if (offset == null || !offset.isIntegralNumber() || !offset.canConvertToLong() || offset.longValue() < 0) {
            throw new FrameException(ErrorWord.BAD_REQUEST, "recover.offset must be a whole number from 0", id);
        }
        JsonNode epoch = v.get("epoch");
        if (epoch == null || !epoch.isTextual() || !EPOCH.matcher(epoch.textValue()).matches()) {
            throw new FrameException(ErrorWord.BAD_REQUEST, "recover.epoch must be the epoch string a reply gave", id);
        }
        return new ClientFrame.Recover(offset.longValue(), epoch.textValue());
    }

    private static FrameException malformed(String message) {
        return new FrameException(ErrorWord.BAD_REQUEST, message, null);
    }

    static String shorten(String s) {
        return s.length() <= 32 ? s : s.substring(0, 32) + "...";
    }
}
