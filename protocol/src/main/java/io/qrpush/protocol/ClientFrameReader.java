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
 * Reads client frames for {@link FrameCodec} with Jackson's streaming parser and no JSON tree:
 * the envelope's fields are read as they come, and {@code content} is validated and kept as the
 * bytes it arrived as ({@link RawJson}), so its size is known from the offsets and nothing is
 * re-encoded to relay it.
 */
final class ClientFrameReader {
    /** The epochs the server gives are base64url; a longer or other one cannot be the server's. */
    private static final Pattern EPOCH = Pattern.compile("[A-Za-z0-9_\\-]{1,64}");

    private final ObjectMapper mapper;

    ClientFrameReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ClientFrame read(byte[] utf8) {
        if (!looksLikeUtf8(utf8)) {
            throw malformed("frame must be UTF-8 JSON");
        }
        EnvelopeFields f = new EnvelopeFields(utf8);
        try (JsonParser parser = mapper.createParser(utf8)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw malformed("frame must be a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                f.read(name, parser);
            }
            if (parser.nextToken() != null) {
                throw malformed("one JSON object per frame");
            }
        } catch (IOException | IllegalArgumentException | ArithmeticException e) {
            // exact decimals throw NumberFormatException (an IllegalArgumentException) for absurd exponents
            throw malformed("frame is not valid JSON");
        }
        return toClientFrame(f, utf8);
    }

    /**
     * Jackson guesses UTF-16 or UTF-32 from NUL bytes or a BOM in the first four bytes; such a
     * frame would be read with no byte offsets, so the content's range would be void. No UTF-8
     * JSON text holds a 0x00, 0xFE or 0xFF byte, so refusing them is exact.
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

    private ClientFrame toClientFrame(EnvelopeFields f, byte[] utf8) {
        if (!(f.op instanceof String op)) {
            throw malformed("frame needs a string op");
        }
        switch (op) {
            case "ping":
                return new ClientFrame.Ping();
            case "ack":
                return new ClientFrame.Ack(text(f.channel, "channel", null), text(f.guid, "guid", null));
            default:
                break;
        }
        long id = requestId(f.id);
        return switch (op) {
            case "authorize" -> new ClientFrame.Authorize(id, text(f.appkey, "appkey", id),
                    text(f.userId, "userId", id), text(f.otp, "otp", id), text(f.sdk, "sdk", id));
            case "subscribe" -> new ClientFrame.Subscribe(id, text(f.channel, "channel", id),
                    text(f.token, "token", id), recover(f.recover, id));
            case "unsubscribe" -> new ClientFrame.Unsubscribe(id, text(f.channel, "channel", id));
            case "history", "presence", "presence_stats" -> new ClientFrame.ChannelQuery(id, op,
                    text(f.channel, "channel", id), text(f.token, "token", id), paramsOf(utf8));
            case "publish" -> new ClientFrame.Publish(id, text(f.channel, "channel", id), f.content,
                    text(f.guid, "guid", id), integer(f.retried, "retried", id), bool(f.receipt, "receipt", id));
            default -> throw new FrameException(ErrorWord.UNKNOWN_OP, "unknown op: " + shorten(op), id);
        };
    }


    /**
     * A channel query's own fields: everything but the ones every request has. Queries are rare
     * and their fields open-ended, so this one op reads its frame, already validated, as a tree.
     */
    private ObjectNode paramsOf(byte[] utf8) {
        try {
            ObjectNode params = (ObjectNode) mapper.readTree(utf8);
            params.remove(List.of("op", "id", "channel", "token", "content"));
            return params;
        } catch (IOException | IllegalArgumentException | ArithmeticException e) {
            throw malformed("frame is not valid JSON");
        }
    }

    private static long requestId(Object id) {
        if (!(id instanceof Long n)) {
            throw malformed("request needs an integer id");
        }
        return n;
    }

    private static String text(Object v, String field, Long id) {
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw new FrameException(ErrorWord.BAD_REQUEST, field + " must be a string", id);
        }
        return s;
    }

    private static int integer(Object v, String field, long id) {
        if (v == null) {
            return 0;
        }
        if (!(v instanceof Long n) || n != n.intValue()) {
            throw new FrameException(ErrorWord.BAD_REQUEST, field + " must be an integer", id);
        }
        return n.intValue();
    }

    private static boolean bool(Object v, String field, long id) {
        if (v == null) {
            return false;
        }
        if (!(v instanceof Boolean b)) {
            throw new FrameException(ErrorWord.BAD_REQUEST, field + " must be true or false", id);
        }
        return b;
    }

    /** {@code "recover":{"offset":N,"epoch":"E"}}, or null when absent. */
    private static ClientFrame.Recover recover(Object v, long id) {
        if (v == null) {
            return null;
        }
        if (!(v instanceof JsonNode node) || !node.isObject()) {
            throw new FrameException(ErrorWord.BAD_REQUEST, "recover must be {\"offset\":N,\"epoch\":\"...\"}", id);
        }
        JsonNode offset = node.get("offset");
        if (offset == null || !offset.isIntegralNumber() || !offset.canConvertToLong() || offset.longValue() < 0) {
            throw new FrameException(ErrorWord.BAD_REQUEST, "recover.offset must be a whole number from 0", id);
        }
        JsonNode epoch = node.get("epoch");
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
