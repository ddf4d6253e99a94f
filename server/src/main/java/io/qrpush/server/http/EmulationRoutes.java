package io.qrpush.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.qrpush.protocol.ErrorWord;
import io.qrpush.protocol.ProtocolException;
import io.qrpush.server.core.Apps;
import io.qrpush.server.core.Node;
import io.qrpush.server.core.Uplink;
import io.qrpush.server.metrics.ServerMetrics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code POST /emulation}, the up half of an HTTP stream (docs/protocol.md section 8):
 * {@code {"session":"...","frames":[...]}} is 204 once the frames reached the stream's session,
 * on this node or, through the broker, on the one holding the stream; their replies come down the
 * stream. An unknown or ended stream and another app's are the same 404, so the answer tells a
 * guesser nothing; frames over {@code maxFrameBytes} in all are 413. The body is never logged.
 */
public final class EmulationRoutes {
    public static final String PATH = "/emulation";
    /** Room in a body beyond its frames, for the session secret, an appkey and the JSON around them. */
    static final int ENVELOPE_BYTES = 1024;

    private final Node node;
    private final Apps apps;
    private final JsonBodies bodies;
    private final int maxFrameBytes;
    private final ServerMetrics metrics;

    private EmulationRoutes(Node node, HttpParts parts, int maxFrameBytes) {
        this.node = node;
        this.metrics = parts.metrics();
        this.apps = parts.apps();
        this.bodies = new JsonBodies(parts.mapper());
        this.maxFrameBytes = maxFrameBytes;
    }

    public static void register(HttpRouter router, Node node, HttpParts parts, int maxFrameBytes) {
        EmulationRoutes routes = new EmulationRoutes(node, parts, maxFrameBytes);
        router.add("POST", PATH, maxFrameBytes + ENVELOPE_BYTES, routes::post);
    }

    private CompletableFuture<HttpAnswer> post(HttpCall call) {
        String origin = call.header("origin");
        return RefusalAnswers.of(metrics, () -> node.uplink(read(call, origin)).thenApply(found -> withCors(found
                        ? new HttpAnswer(204, "text/plain", new byte[0], Map.of())
                        : HttpAnswer.error(404, ErrorWord.NOT_FOUND.word(), "no such stream: open a new one"), origin)),
                a -> withCors(a, origin));
    }

    private Uplink read(HttpCall call, String origin) throws ProtocolException {
        JsonNode body = bodies.object(call);
        String session = JsonBodies.text(body, "session");
        JsonNode frames = body.get("frames");
        if (frames == null || !frames.isArray()) {
            throw new ProtocolException(ErrorWord.BAD_REQUEST, "frames is required (an array of client frames)");
        }
        List<String> texts = new ArrayList<>(frames.size());
        long total = 0;
        for (JsonNode f : frames) {
            String text = f.toString();
            total += text.getBytes(StandardCharsets.UTF_8).length;
            texts.add(text);
        }
        if (total > maxFrameBytes) {
            throw new ProtocolException(ErrorWord.TOO_LARGE,
                    "the frames are over maxFrameBytes in all: post fewer at once");
        }
        JsonNode appkey = body.get("appkey");
        return new Uplink(session, appkey != null && appkey.isTextual() ? appkey.asText() : null, origin, texts);
    }

    /** A page of an allowed origin may read the answer; its stream's own app is checked behind the 404. */
    private HttpAnswer withCors(HttpAnswer a, String origin) {
        HttpAnswer out = a.withHeader("Vary", "Origin").withHeader("Cache-Control", "no-store");
        return origin != null && apps.anyAppAllows(origin)
                ? out.withHeader("Access-Control-Allow-Origin", origin) : out;
    }
}
