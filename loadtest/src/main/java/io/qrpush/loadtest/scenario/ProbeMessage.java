package io.qrpush.loadtest.scenario;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * The content a pubsub publisher sends, {@code {"seq":N,"t":micros,"w":1|2}} plus optional
 * padding, and its reading on the subscriber's side. A subscriber reads the frame with a
 * streaming parser and keeps only these numbers and the channel: building the whole frame as a
 * tree costs CPU and garbage that the load tester takes from the server it shares the machine with.
 *
 * @param channel    the channel the message was published to
 * @param seq        the publisher's sequence number on that channel
 * @param sentMicros when the publish was due (its intended time, so coordinated omission cannot hide lateness)
 * @param warm       1 for a warm-up message, left out of the latency figures
 * @param offset     the message's place in its channel's history, -1 on a channel without history
 */
public record ProbeMessage(String channel, int seq, long sentMicros, int warm, long offset) {
    private static final JsonFactory JSON = new JsonFactory();
    /**
     * {@code w} on the wire: 1 in the warm-up, 2 after it. Not 0 after it: a number with a leading
     * zero takes a branch of the JSON parser that the warm-up never took, so the server's JIT
     * compiled that branch out and, when the measured time began, deoptimized its frame parser on
     * every event loop and stalled them while recompiling (docs/benchmarks.md, issue 27's stalls).
     * The warm-up must send what the measured time sends.
     */
    private static final int WIRE_WARM = 1;
    private static final int WIRE_MEASURED = 2;

    /** The content to publish; {@code warm} is 1 for a warm-up message, else 0. */
    static ObjectNode content(int seq, long sentMicros, int warm, String padding) {
        ObjectNode content = JsonNodeFactory.instance.objectNode().put("seq", seq).put("t", sentMicros)
                .put("w", warm == 1 ? WIRE_WARM : WIRE_MEASURED);
        if (!padding.isEmpty()) {
            content.put("pad", padding);
        }
        return content;
    }

    /**
     * Reads a server frame that is a {@code message} carrying probe content; null for anything
     * else (a reply, another op, other content, bad JSON), which the caller decodes in full.
     */
    public static ProbeMessage read(byte[] utf8) {
        try (JsonParser p = JSON.createParser(utf8)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String channel = null;
            boolean message = false;
            long[] numbers = null;
            long offset = -1;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "op" -> {
                        if (!"message".equals(p.getValueAsString())) {
                            return null;
                        }
                        message = true;
                    }
                    case "channel" -> channel = p.getValueAsString();
                    case "offset" -> offset = value == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : -1;
                    case "content" -> {
                        numbers = value == JsonToken.START_OBJECT ? readContent(p) : null;
                        if (numbers == null) {
                            return null;
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (!message || channel == null || numbers == null) {
                return null;
            }
            return new ProbeMessage(channel, (int) numbers[0], numbers[1], warmFlag(numbers[2]), offset);
        } catch (IOException e) {
            return null;
        }
    }

    /** The warm-up flag (1 or 0) of a content's {@code w}. */
    public static int warmFlag(long wire) {
        return wire == WIRE_WARM ? 1 : 0;
    }

    /** seq, t and w, or null when seq or t is missing or not an integer. */
    private static long[] readContent(JsonParser p) throws IOException {
        long[] numbers = {-1, -1, 0};
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            int slot = switch (field) {
                case "seq" -> 0;
                case "t" -> 1;
                case "w" -> 2;
                default -> -1;
            };
            if (slot < 0) {
                p.skipChildren();
            } else if (value == JsonToken.VALUE_NUMBER_INT) {
                numbers[slot] = p.getLongValue();
            } else {
                return null;
            }
        }
        return numbers[0] < 0 || numbers[0] > Integer.MAX_VALUE || numbers[1] < 0 ? null : numbers;
    }
}
