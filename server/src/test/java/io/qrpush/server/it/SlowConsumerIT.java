package io.qrpush.server.it;

import static io.qrpush.server.it.TestServer.API_KEY_A;
import static io.qrpush.server.it.TestServer.APP_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * docs/protocol.md section 3 "disconnect", 4010: a subscriber whose outbound buffer passes
 * {@code maxOutboundBytes} is cut, and the other subscribers of the channel miss nothing.
 */
class SlowConsumerIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_OUTBOUND = 64 * 1024;
    /** Enough to fill any loopback socket buffers many times over; the cut comes long before. */
    private static final int MAX_PUBLISHES = 2000;
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(c -> c.withLimits(c.limits().withMaxOutboundBytes(MAX_OUTBOUND)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void publish(int n, String pad) throws Exception {
        var res = server.api("POST", "/api/v1/publish", API_KEY_A,
                "{\"channel\":\"feed\",\"content\":{\"n\":" + n + ",\"pad\":\"" + pad + "\"}}");
        assertThat(res.statusCode()).isEqualTo(200);
    }

    /** Read in-process: cheaper than a scrape per round; {@code /metrics} is checked once at the end. */
    private double closes4010() {
        var counter = server.server().metrics().registry().find("qrpush_closes").tag("code", "4010").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aSubscriberThatStopsReadingIsCut4010WhileTheOtherGetsEveryMessage() throws Exception {
        String pad = "x".repeat(30 * 1024);
        try (WsClient good = server.anonymous(APP_A); RawWs slow = RawWs.open(server.port(), 4096)) {
            good.subscribe("feed", null);
            slow.sendText("{\"op\":\"authorize\",\"id\":1,\"appkey\":\"" + APP_A + "\"}");
            slow.sendText("{\"op\":\"subscribe\",\"id\":2,\"channel\":\"feed\"}");
            assertThat(slow.nextText(Duration.ofSeconds(5))).contains("\"id\":1");
            assertThat(slow.nextText(Duration.ofSeconds(5))).contains("\"id\":2").contains("\"code\":200");
            // From here on the slow client reads nothing until the server has given up on it.
            int published = 0;
            int received = 0;
            while (closes4010() < 1) {
                assertThat(published).as("the slow consumer was never cut").isLessThan(MAX_PUBLISHES);
                // Small batches, each awaited by the good subscriber, keep its own backlog far under the limit.
                for (int i = 0; i < 2; i++) {
                    publish(published++, pad);
                }
                for (; received < published; received++) {
                    assertThat(good.next("message").path("content").path("n").asInt()).isEqualTo(received);
                }
            }
            int cutAfter = published;
            // The server waits a few seconds for the close to flush: read now to see how it ended.
            List<RawWs.Frame> frames = slow.readToEnd(Duration.ofSeconds(5));
            for (int i = 0; i < 20; i++) {
                publish(published++, pad);
            }
            for (; received < published; received++) {
                assertThat(good.next("message").path("content").path("n").asInt()).isEqualTo(received);
            }
            assertThat(SubscribeIT.messages(SubscribeIT.framesBeforePong(good))).as("exactly once each").isZero();

            RawWs.Frame close = frames.get(frames.size() - 1);
            assertThat(close.opcode()).isEqualTo(RawWs.CLOSE);
            assertThat(close.closeCode()).isEqualTo(4010);
            JsonNode disconnect = JSON.readTree(frames.get(frames.size() - 2).text());
            assertThat(disconnect.path("op").asText()).isEqualTo("disconnect");
            assertThat(disconnect.path("code").asInt()).isEqualTo(4010);
            assertThat(disconnect.path("reconnect").asBoolean()).isTrue();
            long slowMessages = frames.stream().filter(f -> f.opcode() == RawWs.TEXT)
                    .filter(f -> f.text().startsWith("{\"op\":\"message\"")).count();
            assertThat(slowMessages).as("the slow one got a prefix, cut after %d publishes", cutAfter)
                    .isLessThan(cutAfter);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                    server.api("GET", "/api/v1/channels/feed", API_KEY_A, null).body()).contains("\"subscribers\":1"));
            assertThat(good.isClosed()).isFalse();
            assertThat(Prometheus.scrape(server).value("qrpush_closes_total", "code=4010")).isEqualTo(1);
        }
    }
}
