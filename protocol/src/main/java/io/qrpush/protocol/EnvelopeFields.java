package io.qrpush.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * The fields of one client frame as the streaming parser met them, without a JSON tree: strings
 * as {@link String}, whole numbers that fit as {@link Long}, booleans as {@link Boolean}, the
 * {@code recover} object as a small tree, anything else as {@link #OTHER} (the wrong type for
 * every field read here). JSON {@code null} and absence are the same. Fields the reader does not
 * know are skipped unread; {@code content} is kept as its bytes.
 */
final class EnvelopeFields {
    /** A value of a type no envelope field takes (a fraction, an object, an array, a huge integer). */
    static final Object OTHER = new Object();

    Object op;
    Object id;
    Object channel;
    Object token;
    Object guid;
    Object appkey;
    Object userId;
    Object otp;
    Object sdk;
    Object retried;
    Object receipt;
    Object recover;
    RawJson content;

    private final byte[] source;

    /** @param source the frame the parser reads, where {@code content}'s bytes are taken from */
    EnvelopeFields(byte[] source) {
        this.source = source;
    }

    /** Reads the value the parser is on into the field it names. */
    void read(String name, JsonParser parser) throws IOException {
        switch (name) {
            case "op" -> op = scalar(parser);
            case "id" -> id = scalar(parser);
            case "channel" -> channel = scalar(parser);
            case "token" -> token = scalar(parser);
            case "guid" -> guid = scalar(parser);
            case "appkey" -> appkey = scalar(parser);
            case "userId" -> userId = scalar(parser);
            case "otp" -> otp = scalar(parser);
            case "sdk" -> sdk = scalar(parser);
            case "retried" -> retried = scalar(parser);
            case "receipt" -> receipt = scalar(parser);
            case "recover" -> recover = parser.currentToken() == JsonToken.START_OBJECT
                    ? parser.<JsonNode>readValueAsTree() : scalar(parser);
            case "content" -> content = RawJson.read(parser, source);
            default -> skip(parser);
        }
    }

    private static Object scalar(JsonParser parser) throws IOException {
        JsonToken t = parser.currentToken();
        switch (t) {
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                JsonParser.NumberType type = parser.getNumberType();
                return type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG
                        ? (Object) parser.getLongValue() : OTHER;
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                skip(parser);
                return OTHER;
        }
    }

    /** Structures are walked token by token, so a field nobody reads still must be valid JSON. */
    private static void skip(JsonParser parser) throws IOException {
        parser.skipChildren();
        parser.finishToken();
    }
}
