package io.qrpush.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A raw WebSocket test client over the JDK's {@code java.net.http.WebSocket}: sends exactly the
 * text it is given and records every frame and the close code, so tests see the wire as it is.
 */
public final class WsClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final Duration WAIT = Duration.ofSeconds(10);

    private final LinkedBlockingDeque<JsonNode> frames = new LinkedBlockingDeque<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final AtomicLong ids = new AtomicLong(100);
    private WebSocket ws;

    /** Connects; {@code origin} null sends no Origin header. */
    public static WsClient connect(URI uri, String origin) throws Exception {
        return connect(HttpClient.newHttpClient(), uri, origin);
    }

    /**
     * Connects through the given client (e.g. one trusting a test certificate for wss://), with
     * more upgrade {@code headers} (alternate name, value) when given.
     */
    public static WsClient connect(HttpClient http, URI uri, String origin, String... headers) throws Exception {
        WsClient c = new WsClient();
        WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(WAIT);
        if (origin != null) {
            b.header("Origin", origin);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        c.ws = b.buildAsync(uri, c.new Listener()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return c;
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    frames.add(JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    closed.completeExceptionally(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }
    }

    /** A fresh request id. */
    public long nextId() {
        return ids.incrementAndGet();
    }

    public void send(String text) throws Exception {
        ws.sendText(text, true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    public void sendBinary(byte[] data) throws Exception {
        ws.sendBinary(ByteBuffer.wrap(data), true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Sends a request frame and returns the reply with its id. */
    public JsonNode request(String frame) throws Exception {
        long id = JSON.readTree(frame).path("id").asLong();
        send(frame);
        return next(f -> "reply".equals(f.path("op").asText()) && f.path("id").asLong() == id);
    }

    /** Sends a request and asserts it was answered 200. */
    public JsonNode requestOk(String frame) throws Exception {
        JsonNode reply = request(frame);
        assertThat(reply.path("code").asInt()).as("reply to %s: %s", frame, reply).isEqualTo(200);
        return reply;
    }

    /** The next frame with this op; frames of other ops before it are kept for later calls. */
    public JsonNode next(String op) throws Exception {
        return next(f -> op.equals(f.path("op").asText()));
    }

    /** Waits for the first frame matching; earlier non-matching frames stay queued in order. */
    public JsonNode next(java.util.function.Predicate<JsonNode> match) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<JsonNode> skipped = new ArrayList<>();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                JsonNode f = frames.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
                if (f == null) {
                    throw new AssertionError("no matching frame within " + WAIT + "; saw " + skipped);
                }
                if (match.test(f)) {
                    return f;
                }
                skipped.add(f);
            }
        } finally {
            // Back at the head, oldest first; the listener only adds at the tail, so nothing overtakes them.
            for (int i = skipped.size() - 1; i >= 0; i--) {
                frames.addFirst(skipped.get(i));
            }
        }
    }

    /** Every frame received and not yet taken, without waiting. */
    public List<JsonNode> drain() {
        List<JsonNode> out = new ArrayList<>();
        frames.drainTo(out);
        return out;
    }

    /** Waits for the server to close; returns the close code (-1 for an abrupt end). */
    public int awaitClose() throws Exception {
        return closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    /** Subscribes (with a token when given) and returns the reply. */
    public JsonNode subscribe(String channel, String token) throws Exception {
        long id = nextId();
        return request("{\"op\":\"subscribe\",\"id\":" + id + ",\"channel\":\"" + channel + "\""
                + (token == null ? "" : ",\"token\":\"" + token + "\"") + "}");
    }

    /** Publishes JSON content and returns the reply. */
    public JsonNode publish(String channel, String contentJson) throws Exception {
        long id = nextId();
        return request("{\"op\":\"publish\",\"id\":" + id + ",\"channel\":\"" + channel + "\",\"content\":"
                + contentJson + "}");
    }

    @Override
    public void close() {
        if (ws != null && !ws.isOutputClosed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        ws.abort();
    }
}
