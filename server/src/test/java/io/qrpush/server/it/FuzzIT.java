package io.qrpush.server.it;

import static io.qrpush.server.it.TestServer.APP_A;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qrpush.protocol.FrameCodec;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A bounded fuzz run over one real connection at a time: about 2,000 frames from a fixed seed.
 * Properties: every frame with a readable id gets exactly one reply with that id; every other
 * request-like frame gets one reply with id null; pings get pongs; the server closes only with
 * 4000, exactly at the tenth id-less frame (then the test reconnects); it stays healthy after.
 */
class FuzzIT {
    private static final long SEED = 20261123L;
    private static final int FRAMES = 2000;
    private static final int MAX_FRAME = 65536;
    private static final long SENTINEL = 7_777_777_777_777_777_777L;
    private static final Pattern CHANNEL = Pattern.compile("^[A-Za-z0-9_\\-:.@=]{1,128}$");
    /** Parses as the server does (same nesting and number limits), to predict what it can read. */
    private static final ObjectMapper ORACLE = new FrameCodec().mapper();
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(LimitsBuilder.limits(l -> l.maxRequestsPerSecond = 1_000_000));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** What the protocol says the server owes for one frame, judged from the text alone. */
    private record Owed(Long replyId, boolean idlessReply, boolean pong) {
        static final Owed NOTHING = new Owed(null, false, false);
        static final Owed IDLESS = new Owed(null, true, false);
        static final Owed PONG = new Owed(null, false, true);
    }

    static Owed owed(String frame) {
        JsonNode t;
        try (JsonParser p = ORACLE.createParser(frame.getBytes(StandardCharsets.UTF_8))) {
            t = ORACLE.readTree(p);
            if (t == null || !t.isObject() || p.nextToken() != null) {
                return Owed.IDLESS;
            }
        } catch (Exception notJson) {
            return Owed.IDLESS;
        }
        JsonNode op = t.get("op");
        if (op == null || !op.isTextual()) {
            return Owed.IDLESS;
        }
        if (op.asText().equals("ping")) {
            return Owed.PONG;
        }
        if (op.asText().equals("ack")) {
            JsonNode ch = t.get("channel");
            JsonNode guid = t.get("guid");
            boolean ok = ch != null && ch.isTextual() && CHANNEL.matcher(ch.asText()).matches()
                    && guid != null && guid.isTextual() && !guid.asText().isEmpty();
            return ok ? Owed.NOTHING : Owed.IDLESS;
        }
        JsonNode id = t.get("id");
        if (id == null || !id.isIntegralNumber() || !id.canConvertToLong()) {
            return Owed.IDLESS;
        }
        return new Owed(id.longValue(), false, false);
    }

    /** What one connection owes between (re)connecting and its end. */
    private static final class Segment {
        final Map<Long, Integer> replies = new HashMap<>();
        int idless;
        int pongs;
        int frames;

        void add(Owed o) {
            frames++;
            if (o.replyId() != null) {
                replies.merge(o.replyId(), 1, Integer::sum);
            }
            idless += o.idlessReply() ? 1 : 0;
            pongs += o.pong() ? 1 : 0;
        }
    }

    private WsClient fresh() throws Exception {
        return server.user(APP_A, "fuzzer", "*");
    }

    @Test
    void everyReadableIdGetsExactlyOneReplyAndOnlyTheTenthIdlessFrameCloses() throws Exception {
        FuzzFrames gen = new FuzzFrames(SEED);
        int sent = 0;
        int closes = 0;
        WsClient c = fresh();
        try {
            Segment seg = new Segment();
            while (sent < FRAMES) {
                String frame = gen.next();
                if (frame.getBytes(StandardCharsets.UTF_8).length > MAX_FRAME) {
                    continue;
                }
                seg.add(owed(frame));
                try {
                    c.send(frame);
                } catch (Exception e) {
                    throw new AssertionError("send failed after " + seg.frames + " frames of a connection; closed "
                            + (c.isClosed() ? c.awaitClose() : "?") + "; last frame: " + frame, e);
                }
                sent++;
                if (seg.idless == 10) {
                    assertThat(c.awaitClose()).as("close after the 10th id-less frame").isEqualTo(4000);
                    check(c, seg, true);
                    closes++;
                    c.close();
                    c = fresh();
                    seg = new Segment();
                }
            }
            c.send("{\"op\":\"subscribe\",\"id\":" + SENTINEL + ",\"channel\":\"sentinel\"}");
            c.next(f -> f.path("id").asLong() == SENTINEL);
            check(c, seg, false);
        } finally {
            c.close();
        }
        assertThat(closes).as("the run met the 4000 close several times").isGreaterThan(5);
        assertHealthy();
    }

    /** Compares what came back on this connection with what was owed. */
    private static void check(WsClient c, Segment seg, boolean closed) {
        List<JsonNode> frames = c.drain();
        Map<Long, Integer> replies = new HashMap<>();
        int idless = 0;
        int pongs = 0;
        int disconnects = 0;
        for (JsonNode f : frames) {
            switch (f.path("op").asText()) {
                case "reply":
                    if (f.get("id").isNull()) {
                        idless++;
                        assertThat(f.path("code").asInt()).isEqualTo(400);
                    } else if (f.path("id").asLong() != SENTINEL) {
                        replies.merge(f.path("id").asLong(), 1, Integer::sum);
                        assertThat(f.path("code").asInt()).isBetween(200, 599);
                    }
                    break;
                case "pong":
                    pongs++;
                    break;
                case "disconnect":
                    disconnects++;
                    assertThat(f.path("code").asInt()).isEqualTo(4000);
                    break;
                default:
                    break;
            }
        }
        assertThat(replies).as("replies by id").isEqualTo(seg.replies);
        assertThat(idless).as("id-null replies").isEqualTo(seg.idless);
        assertThat(pongs).as("pongs").isEqualTo(seg.pongs);
        assertThat(disconnects).isEqualTo(closed ? 1 : 0);
        assertThat(c.isClosed()).isEqualTo(closed);
    }

    private void assertHealthy() throws Exception {
        assertThat(server.api("GET", "/healthz", null, null).statusCode()).isEqualTo(200);
        try (WsClient sub = server.anonymous(APP_A); WsClient pub = server.user(APP_A, "after", "news")) {
            sub.subscribe("news", null);
            assertThat(pub.publish("news", "\"still here\"").path("code").asInt()).isEqualTo(200);
            assertThat(sub.next("message").path("content").asText()).isEqualTo("still here");
        }
    }
}
