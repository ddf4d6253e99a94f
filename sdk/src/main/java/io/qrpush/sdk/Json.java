package io.qrpush.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qrpush.protocol.FrameCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** JSON helpers shared by the SDK; one codec (and so one mapper with the protocol's limits). */
final class Json {
    static final FrameCodec CODEC = new FrameCodec();
    static final ObjectMapper MAPPER = CODEC.mapper();

    private Json() {
    }

    /** Any value as JSON: a JsonNode as it is, anything else the way Jackson serialises it. */
    static JsonNode tree(Object content) {
        if (content instanceof JsonNode) {
            return (JsonNode) content;
        }
        try {
            return MAPPER.valueToTree(content);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("content cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** Epoch milliseconds (what the server sends) or an ISO-8601 instant; null when absent or unreadable. */
    static Instant instant(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isNumber()) {
            return Instant.ofEpochMilli(v.asLong());
        }
        try {
            return Instant.parse(v.asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
