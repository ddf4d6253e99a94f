package io.qrpush.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP response as routes build it, free of Netty. */
public record HttpAnswer(int status, String contentType, byte[] body, Map<String, String> headers) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public HttpAnswer {
        headers = Map.copyOf(headers);
    }

    public static HttpAnswer json(int status, JsonNode body) {
        try {
            return new HttpAnswer(status, "application/json", MAPPER.writeValueAsBytes(body), Map.of());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** A JSON error: {@code {"error":"<word>","message":"..."}}. */
    public static HttpAnswer error(int status, String word, String message) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("error", word).put("message", message);
        return json(status, body);
    }

    public static HttpAnswer text(int status, String contentType, String body) {
        return new HttpAnswer(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** The same answer with one more header. */
    public HttpAnswer withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new HttpAnswer(status, contentType, body, h);
    }

    /** For answers holding a token or ticket: no cache may keep them. */
    public HttpAnswer noStore() {
        return withHeader("Cache-Control", "no-store");
    }
}
