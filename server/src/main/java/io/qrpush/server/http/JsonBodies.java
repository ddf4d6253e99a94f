package io.qrpush.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qrpush.protocol.ErrorWord;
import io.qrpush.protocol.ProtocolException;
import java.io.IOException;

/** Reads JSON request bodies with the codec's limits; every problem is a 400 with a reason. */
public final class JsonBodies {
    private final ObjectMapper mapper;

    public JsonBodies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The body as a JSON object. */
    public JsonNode object(HttpCall call) throws ProtocolException {
        JsonNode n;
        try {
            n = call.body().length == 0 ? null : mapper.readTree(call.body());
        } catch (IOException | IllegalArgumentException | ArithmeticException e) {
            throw new ProtocolException(ErrorWord.BAD_REQUEST, "the body is not valid JSON");
        }
        if (n == null || !n.isObject()) {
            throw new ProtocolException(ErrorWord.BAD_REQUEST, "the body must be a JSON object");
        }
        return n;
    }

    /** A required string field. */
    public static String text(JsonNode body, String field) throws ProtocolException {
        JsonNode v = body.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new ProtocolException(ErrorWord.BAD_REQUEST, field + " is required (a string)");
        }
        return v.asText();
    }

    /** The HTTP answer for a refusal: the word's code with a JSON error body. */
    public static HttpAnswer refusal(ProtocolException e) {
        return HttpAnswer.error(e.word().code(), e.word().word(), e.getMessage());
    }
}
