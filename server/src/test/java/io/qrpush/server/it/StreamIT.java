package io.qrpush.server.it;

import static io.qrpush.server.it.TestServer.API_KEY_A;
import static io.qrpush.server.it.TestServer.APP_A;
import static io.qrpush.server.it.TestServer.APP_B;
import static io.qrpush.server.it.TestServer.ORIGIN_A;
import static io.qrpush.server.it.TestServer.ORIGIN_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import io.qrpush.server.config.QrpushConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * docs/protocol.md section 8, what only the HTTP stream has: its headers, the secret in the first
 * event, heartbeat comments, the idle cut, refusals of bad uplinks and the slow-consumer cut. The
 * protocol itself over a stream is tested by the WebSocket ITs run once per {@link Wire}.
 */
@Tag(TestServer.SINGLE_NODE)
class StreamIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUTHORIZE_A = "{\"op\":\"authorize\",\"id\":1,\"appkey\":\"" + APP_A + "\"}";
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private StreamClient open(UnaryOperator<QrpushConfig> config, String origin) throws Exception {
        server = TestServer.start(config);
        StreamClient c = StreamClient.to(server.port(), server.port(), origin);
        c.requestOk(AUTHORIZE_A);
        return c;
    }

    @Test
    void theStreamIsAnEventStreamWhoseFirstEventIsTheAuthorizeReplyWithTheSecret() throws Exception {
        try (StreamClient c = open(c2 -> c2, ORIGIN_A)) {
            assertThat(c.status()).isEqualTo(200);
            assertThat(c.header("content-type")).isEqualTo("text/event-stream");
            assertThat(c.header("cache-control")).isEqualTo("no-store");
            assertThat(c.header("x-accel-buffering")).isEqualTo("no");
            assertThat(c.header("access-control-allow-origin")).isEqualTo(ORIGIN_A);
            // A node id, then 128 random bits: 22 base64url characters.
            assertThat(c.session()).matches("[A-Za-z0-9_-]{11}\\.[A-Za-z0-9_-]{22}");
            assertThat(c.subscribe("news", null).path("code").asInt()).isEqualTo(200);
            assertThat(server.api("POST", "/api/v1/publish", API_KEY_A, "{\"channel\":\"news\",\"content\":7}")
                    .statusCode()).isEqualTo(200);
            assertThat(c.next("message").path("content").asInt()).isEqualTo(7);
        }
    }

    @Test
    void paddingAskedForComesAheadOfTheFirstEventAndIsClamped() throws Exception {
        server = TestServer.start();
        try (StreamClient padded = StreamClient.to(server.port(), server.port(), null).padded("70000");
             StreamClient plain = StreamClient.to(server.port(), server.port(), null).padded("lots")) {
            padded.requestOk(AUTHORIZE_A);
            assertThat(padded.commentBytes()).as("read before the reply").isBetween(65536, 65536 + 4096);
            plain.requestOk(AUTHORIZE_A);
            assertThat(plain.commentBytes()).isZero();
        }
    }

    @Test
    void anOriginNoAppAllowsGets403() throws Exception {
        server = TestServer.start();
        try (StreamClient c = StreamClient.to(server.port(), server.port(), "https://evil.example")) {
            c.send(AUTHORIZE_A);
            await().atMost(FrameClient.WAIT).until(() -> c.status() != 0);
            assertThat(c.status()).isEqualTo(403);
        }
    }

    @Test
    void aCommentEveryPingIntervalAndASilentClientIsCutAfterIdleTimeout() throws Exception {
        UnaryOperator<QrpushConfig> fast = LimitsBuilder.limits(l -> {
            l.pingInterval = Duration.ofMillis(200);
            l.idleTimeout = Duration.ofMillis(1500);
        });
        try (StreamClient silent = open(fast, null);
             StreamClient talking = StreamClient.to(server.port(), server.port(), null)) {
            talking.requestOk(AUTHORIZE_A);
            await().atMost(FrameClient.WAIT).until(() -> silent.heartbeats() >= 3);
            long until = System.nanoTime() + Duration.ofMillis(2500).toNanos();
            while (System.nanoTime() < until) {
                talking.send("{\"op\":\"ping\"}");
                talking.next("pong");
            }
            JsonNode d = silent.next("disconnect");
            assertThat(d.path("code").asInt()).isEqualTo(1000);
            assertThat(d.path("reconnect").asBoolean()).isTrue();
            assertThat(silent.awaitClose()).isEqualTo(1000);
            assertThat(talking.isClosed()).as("pings posted count as activity").isFalse();
        }
    }

    @Test
    void badUplinksAreRefusedAndAnotherAppsStreamLooksUnknown() throws Exception {
        try (StreamClient c = open(LimitsBuilder.limits(l -> l.maxFrameBytes = 4096), ORIGIN_A)) {
            String secret = c.session();
            HttpResponse<String> unknown = c.uplink(uplink(secret.substring(0, secret.length() - 2) + "xx", "[]"));
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(JSON.readTree(unknown.body()).path("error").asText()).isEqualTo("not_found");
            try (StreamClient b = StreamClient.to(server.port(), server.port(), ORIGIN_B)) {
                HttpResponse<String> otherOrigin = b.uplink(uplink(secret, "[{\"op\":\"ping\"}]"));
                assertThat(otherOrigin.statusCode()).isEqualTo(404);
                assertThat(otherOrigin.body()).as("no oracle").isEqualTo(unknown.body());
            }
            String otherApp = "{\"session\":\"" + secret + "\",\"appkey\":\"" + APP_B + "\",\"frames\":[]}";
            assertThat(c.uplink(otherApp).body()).isEqualTo(unknown.body());

            String pad = "x".repeat(1500);
            String frame = "{\"op\":\"ping\",\"pad\":\"" + pad + "\"}";
            HttpResponse<String> tooBig = c.uplink(uplink(secret, "[" + frame + "," + frame + "," + frame + "]"));
            assertThat(tooBig.statusCode()).isEqualTo(413);
            assertThat(JSON.readTree(tooBig.body()).path("error").asText()).isEqualTo("too_large");
            assertThat(c.uplink("{\"session\":\"" + secret + "\"}").statusCode()).isEqualTo(400);
            assertThat(c.uplink("{\"session\":").statusCode()).isEqualTo(400);

            HttpResponse<String> two = c.uplink(uplink(secret, "[{\"op\":\"ping\"}," + frame + "]"));
            assertThat(two.statusCode()).isEqualTo(204);
            c.next("pong");
            c.next("pong");
            server.server().close();
            assertThat(c.awaitClose()).isEqualTo(1001);
        }
    }

    @Test
    void anEndedStreamIs404() throws Exception {
        try (StreamClient c = open(c2 -> c2, null)) {
            String secret = c.session();
            c.close();
            await().atMost(FrameClient.WAIT).until(() -> c.uplink(uplink(secret, "[]")).statusCode() == 404);
        }
    }

    private static String uplink(String session, String frames) {
        return "{\"session\":\"" + session + "\",\"frames\":" + frames + "}";
    }

    /** Read in-process, as SlowConsumerIT does. */
    private double closes4010() {
        var counter = server.server().metrics().registry().find("qrpush_closes").tag("code", "4010").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aStreamWhoseClientStoppedReadingIsCutAsASlowConsumer() throws Exception {
        server = TestServer.start(c -> c.withLimits(c.limits().withMaxOutboundBytes(64 * 1024)));
        String pad = "x".repeat(30 * 1024);
        try (StreamClient slow = StreamClient.withReceiveBuffer(server.port(), 4096)) {
            slow.requestOk(AUTHORIZE_A);
            slow.subscribe("feed", null);
            slow.pause();
            for (int n = 0; closes4010() < 1; n++) {
                assertThat(n).as("the slow stream was never cut").isLessThan(2000);
                server.api("POST", "/api/v1/publish", API_KEY_A, "{\"channel\":\"feed\",\"content\":\"" + pad + "\"}");
            }
            slow.resume();
            assertThat(slow.awaitClose()).isEqualTo(4010);
            List<JsonNode> frames = slow.drain();
            JsonNode last = frames.get(frames.size() - 1);
            assertThat(last.path("op").asText()).isEqualTo("disconnect");
            assertThat(last.path("reconnect").asBoolean()).isTrue();
            await().atMost(FrameClient.WAIT).untilAsserted(() -> assertThat(
                    server.api("GET", "/api/v1/channels/feed", API_KEY_A, null).body()).contains("\"subscribers\":0"));
        }
    }
}
