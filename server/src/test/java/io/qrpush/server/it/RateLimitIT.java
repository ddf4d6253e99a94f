package io.qrpush.server.it;

import static io.qrpush.server.it.TestServer.APP_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/protocol.md section 3, 429 {@code rate_limited}: over {@code maxRequestsPerSecond} a request is refused
 * and the connection stays open; a client that keeps going regardless is closed with 4008.
 */
class RateLimitIT extends OnEachWire {
    private static List<JsonNode> replies(FrameClient c, int n) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(c.next("reply"));
        }
        return out;
    }

    @Test
    void overTheRateRequestsAre429AndTheConnectionStaysOpen() throws Exception {
        server = TestServer.start(LimitsBuilder.limits(l -> l.maxRequestsPerSecond = 5));
        try (FrameClient c = server.anonymous(wire, APP_A)) {
            int n = 30;
            for (int i = 0; i < n; i++) {
                c.send("{\"op\":\"subscribe\",\"id\":" + (1000 + i) + ",\"channel\":\"news\"}");
            }
            List<JsonNode> replies = replies(c, n);
            for (int i = 0; i < n; i++) {
                assertThat(replies.get(i).path("id").asLong()).as("one reply each, in order").isEqualTo(1000 + i);
            }
            for (int i = 0; i < 9; i++) {
                assertThat(replies.get(i).path("code").asInt()).as("a burst of twice the rate, less the authorize")
                        .isEqualTo(200);
            }
            List<JsonNode> limited = replies.stream().filter(r -> r.path("code").asInt() == 429).toList();
            assertThat(limited).hasSizeGreaterThanOrEqualTo(5);
            assertThat(limited).allSatisfy(r -> assertThat(r.path("error").asText()).isEqualTo("rate_limited"));
            assertThat(c.isClosed()).isFalse();
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() ->
                    c.request("{\"op\":\"subscribe\",\"id\":" + c.nextId() + ",\"channel\":\"news\"}")
                            .path("code").asInt() == 200);
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(300)).until(() -> {
                c.send("{\"op\":\"ping\"}");
                return c.drain().stream().anyMatch(f -> "pong".equals(f.path("op").asText()));
            });
        }
    }

    /** Pings draw on the same budget: a ping flood goes unanswered and is closed with 4008. */
    @Test
    void aPingFloodIsClosed4008() throws Exception {
        server = TestServer.start(LimitsBuilder.limits(l -> l.maxRequestsPerSecond = 1));
        try (FrameClient c = server.anonymous(wire, APP_A)) {
            try {
                for (int i = 0; i < 200 && !c.isClosed(); i++) {
                    c.send("{\"op\":\"ping\"}");
                }
            } catch (Exception closedMeanwhile) {
                // the server may close while the flood is still being sent
            }
            assertThat(c.next("disconnect").path("code").asInt()).isEqualTo(4008);
            assertThat(c.awaitClose()).isEqualTo(4008);
            assertThat(c.drain().stream().filter(f -> "pong".equals(f.path("op").asText())).count())
                    .as("only the burst (and what refilled meanwhile) was answered").isLessThanOrEqualTo(5);
        }
    }

    @Test
    void aClientThatKeepsGoingIsClosed4008() throws Exception {
        server = TestServer.start(LimitsBuilder.limits(l -> l.maxRequestsPerSecond = 1));
        try (FrameClient c = server.anonymous(wire, APP_A)) {
            try {
                for (int i = 0; i < 200 && !c.isClosed(); i++) {
                    c.send("{\"op\":\"publish\",\"id\":" + (1000 + i) + ",\"channel\":\"news\",\"content\":1}");
                }
            } catch (Exception closedMeanwhile) {
                // the server may close while the burst is still being sent
            }
            JsonNode d = c.next("disconnect");
            assertThat(d.path("code").asInt()).isEqualTo(4008);
            assertThat(d.path("reconnect").asBoolean()).isTrue();
            assertThat(c.awaitClose()).isEqualTo(4008);
            List<JsonNode> before = c.drain();
            long limited = before.stream().filter(r -> r.path("error").asText().equals("rate_limited")).count();
            assertThat(limited).as("many 429s come first").isGreaterThanOrEqualTo(10);
        }
    }

    /**
     * A client that floods and reads nothing until it is done still learns why it was closed: the
     * server keeps reading after its close frame, so the socket is not reset under the frames the
     * client has not read yet.
     */
    @Test
    void aFloodThatGoesOnAfterTheCloseStillReadsItsDisconnect() throws Exception {
        server = TestServer.start(LimitsBuilder.limits(l -> l.maxRequestsPerSecond = 1));
        try (RawWs raw = RawWs.open(server.port(), 0)) {
            raw.sendText("{\"op\":\"authorize\",\"id\":1,\"appkey\":\"" + APP_A + "\"}");
            assertThat(raw.nextText(Duration.ofSeconds(5))).contains("\"code\":200");
            int sent = 0;
            try {
                for (; sent < 2000; sent++) {
                    raw.sendText("{\"op\":\"ping\"}");
                }
            } catch (java.io.IOException reset) {
                // only a server that closed under the flood gets here
            }
            assertThat(sent).as("the server reads to the end of the flood").isEqualTo(2000);
            List<RawWs.Frame> frames = raw.readToEnd(Duration.ofSeconds(5));
            assertThat(frames).as("disconnect, then close").hasSizeGreaterThanOrEqualTo(2);
            RawWs.Frame close = frames.get(frames.size() - 1);
            assertThat(close.opcode()).isEqualTo(RawWs.CLOSE);
            assertThat(close.closeCode()).isEqualTo(4008);
            assertThat(frames.get(frames.size() - 2).text()).contains("\"op\":\"disconnect\"").contains("\"code\":4008");
        }
    }
}
