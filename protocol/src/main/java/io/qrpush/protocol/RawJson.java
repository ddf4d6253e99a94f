package io.qrpush.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One JSON value as UTF-8 bytes, exactly as it arrived: a publish's {@code content}, relayed to
 * subscribers, other nodes and history without being parsed into a tree and written again
 * (docs/protocol.md, "content is relayed verbatim"). The bytes were checked to be one well-formed
 * value when the frame was read; they are never changed.
 *
 * <p>Written into a frame with {@link #writeTo}, or placed in a Jackson tree (it serializes itself
 * as its raw bytes). The few features that look inside (login's actions, channel events) ask for
 * {@link #tree()}, a fresh parse each time, so nobody can change what others relay.
 */
public final class RawJson implements JsonSerializable {
    private final byte[] utf8;
    private final Utf8Value asRaw = new Utf8Value();

    private RawJson(byte[] utf8) {
        this.utf8 = utf8;
    }

    /** The value of {@code length} bytes at {@code offset} of a frame the codec has validated. */
    static RawJson copyOf(byte[] frame, int offset, int length) {
        return new RawJson(Arrays.copyOfRange(frame, offset, offset + length));
    }

    /**
     * The value the parser stands on, as its bytes in {@code source}, the array the parser reads.
     * The parser walks over it token by token, which checks it (depth, strings, escapes, number
     * lengths) without building anything; numbers are never converted, so any exponent is kept.
     */
    public static RawJson read(JsonParser parser, byte[] source) throws IOException {
        int start = (int) parser.currentTokenLocation().getByteOffset();
        JsonToken t = parser.currentToken();
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            parser.skipChildren();
        } else {
            parser.finishToken(); // a string is otherwise read only when asked for
        }
        int end = (int) parser.currentLocation().getByteOffset();
        return copyOf(source, start, end - start);
    }

    /** A value the server built as a tree (channel events, login events, the HTTP publish API). */
    public static RawJson of(JsonNode tree) {
        try {
            return new RawJson(Json.MAPPER.writeValueAsBytes(tree));
        } catch (IOException e) {
            throw new UncheckedIOException("a JSON tree could not be written", e);
        }
    }

    /** Parses JSON text; for tests and tools, which have no codec at hand. */
    public static RawJson parse(String json) {
        try {
            return of(Json.MAPPER.readTree(json));
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON", e);
        }
    }

    /** The size in bytes, which the content limit counts. */
    public int size() {
        return utf8.length;
    }

    /** A copy of the bytes. */
    public byte[] bytes() {
        return utf8.clone();
    }

    /** A fresh tree of the value, for the features that must look inside. */
    public JsonNode tree() {
        try {
            return Json.MAPPER.readTree(utf8);
        } catch (IOException e) {
            throw new UncheckedIOException("relayed JSON no longer parses", e);
        }
    }

    /** Writes the bytes as the generator's next value. */
    public void writeTo(JsonGenerator gen) throws IOException {
        gen.writeRawValue(asRaw);
    }

    @Override
    public void serialize(JsonGenerator gen, SerializerProvider serializers) throws IOException {
        writeTo(gen);
    }

    @Override
    public void serializeWithType(JsonGenerator gen, SerializerProvider serializers, TypeSerializer typeSer)
            throws IOException {
        writeTo(gen);
    }

    /** Equal bytes are equal values to a relay; two spellings of the same JSON are not. */
    @Override
    public boolean equals(Object o) {
        return o instanceof RawJson other && Arrays.equals(utf8, other.utf8);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(utf8);
    }

    @Override
    public String toString() {
        return new String(utf8, StandardCharsets.UTF_8);
    }

    /**
     * The bytes as Jackson's "already encoded" text: a UTF-8 generator copies them straight into its
     * buffer; only the quoted forms, which a raw value never takes, are refused.
     */
    private final class Utf8Value implements SerializableString {
        @Override
        public String getValue() {
            return RawJson.this.toString();
        }

        @Override
        public int charLength() {
            return getValue().length();
        }

        @Override
        public char[] asQuotedChars() {
            throw notQuoted();
        }

        @Override
        public byte[] asUnquotedUTF8() {
            return utf8;
        }

        @Override
        public byte[] asQuotedUTF8() {
            throw notQuoted();
        }

        @Override
        public int appendQuotedUTF8(byte[] buffer, int offset) {
            throw notQuoted();
        }

        @Override
        public int appendQuoted(char[] buffer, int offset) {
            throw notQuoted();
        }

        @Override
        public int appendUnquotedUTF8(byte[] buffer, int offset) {
            if (offset + utf8.length > buffer.length) {
                return -1;
            }
            System.arraycopy(utf8, 0, buffer, offset, utf8.length);
            return utf8.length;
        }

        @Override
        public int appendUnquoted(char[] buffer, int offset) {
            String s = getValue();
            if (offset + s.length() > buffer.length) {
                return -1;
            }
            s.getChars(0, s.length(), buffer, offset);
            return s.length();
        }

        @Override
        public int writeQuotedUTF8(java.io.OutputStream out) {
            throw notQuoted();
        }

        @Override
        public int writeUnquotedUTF8(java.io.OutputStream out) throws IOException {
            out.write(utf8);
            return utf8.length;
        }

        @Override
        public int putQuotedUTF8(java.nio.ByteBuffer buffer) {
            throw notQuoted();
        }

        @Override
        public int putUnquotedUTF8(java.nio.ByteBuffer buffer) {
            if (buffer.remaining() < utf8.length) {
                return -1;
            }
            buffer.put(utf8);
            return utf8.length;
        }

        private UnsupportedOperationException notQuoted() {
            return new UnsupportedOperationException("raw JSON is written as a value, never as a quoted string");
        }
    }
}
