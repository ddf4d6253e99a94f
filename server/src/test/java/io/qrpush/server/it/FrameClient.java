package io.qrpush.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A protocol test client whatever carries its frames ({@link WsClient} over WebSocket,
 * {@link StreamClient} over HTTP streaming): it sends exactly the text it is given and records
 * every server frame and how the connection ended, so tests see the wire as it is.
 */
public abstract class FrameClient implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    public static final Duration WAIT = Duration.ofSeconds(10);

    final LinkedBlockingDeque<JsonNode> frames = new LinkedBlockingDeque<>();
    /** The close code when the connection ended; -1 for an abrupt end. */
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final AtomicLong ids = new AtomicLong(100);

    /** Sends one client frame, as it is. */
    public abstract void send(String text) throws Exception;

    @Override
    public abstract void close();

    /** A fresh request id. */
    public long nextId() {
        return ids.incrementAndGet();
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
    public JsonNode next(Predicate<JsonNode> match) throws Exception {
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
            // Back at the head, oldest first; the reader only adds at the tail, so nothing overtakes them.
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
}
