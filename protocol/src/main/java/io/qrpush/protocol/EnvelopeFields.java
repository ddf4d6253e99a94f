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
 * know are skipped unread; {@code content} is only located (its byte range).
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
    /** Where {@code content}'s bytes start in the frame, -1 when it is absent; its end, exclusive. */
    int contentStart = -1;
    int contentEnd = -1;

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
            case "content" -> locateContent(parser);
            default -> skip(parser);
        }
    }

    /**
     * Finds the content's bytes and checks them on the way: skipping a structure parses every
     * token in it (depth, strings, escapes, UTF-8), and a string is read to its end. Numbers are
     * tokenised (their length capped) but never converted, so any exponent is relayed as it came.
     */
    private void locateContent(JsonParser parser) throws IOException {
        int start = (int) parser.currentTokenLocation().getByteOffset();
        JsonToken t = parser.currentToken();
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            parser.skipChildren();
        } else {
            parser.finishToken();
        }
        contentStart = start;
        contentEnd = (int) parser.currentLocation().getByteOffset();
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
