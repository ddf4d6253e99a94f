package io.qrpush.server.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.qrpush.protocol.FrameCodec;
import io.qrpush.protocol.token.Otps;
import io.qrpush.server.config.AppConfig;
import io.qrpush.server.config.QrpushConfig;
import io.qrpush.server.metrics.ServerMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A session over a fake transport: the protocol without Netty or sockets. */
class SessionTest {
    private static final String SECRET = "0123456789abcdef0123";
    private final QrpushConfig config = QrpushConfig.of(List.of(new AppConfig("a", SECRET, "apikey-0123456789abc",
            List.of("https://a.example"), null, false, false)));
    private final Node node = Node.inMemory(config.limits(), new Apps(config.apps()), new ServerMetrics(), Clock.systemUTC());
    private final FakeTransport transport = new FakeTransport();
    private final Session session = new Session("sid1", transport, node);

    @AfterEach
    void close() {
        node.close();
    }

    private JsonNode send(String json) {
        session.onText(json.getBytes(StandardCharsets.UTF_8));
        return transport.last();
    }

    @Test
    void requestsBeforeAuthorizeAreRefusedAndAuthorizeAnswersWithTheSid() {
        session.start();
        assertThat(send("{\"op\":\"subscribe\",\"id\":1,\"channel\":\"x\"}").path("error").asText())
                .isEqualTo("unauthorized");
        JsonNode ok = send("{\"op\":\"authorize\",\"id\":2,\"appkey\":\"a\",\"userId\":\"ignored\"}");
        assertThat(ok.path("code").asInt()).isEqualTo(200);
        assertThat(ok.path("sid").asText()).isEqualTo("sid1");
        assertThat(ok.path("userId").asText()).isEqualTo("anon-sid1");
        assertThat(ok.path("canPublish").asBoolean()).isFalse();
        assertThat(ok.path("pingInterval").asLong()).isEqualTo(25_000);
    }

    @Test
    void theAuthorizeTimerClosesOnlyUnauthorizedSessions() {
        session.start();
        transport.fireTimers();
        assertThat(transport.closedWith).isEqualTo(4001);
        assertThat(transport.last().path("op").asText()).isEqualTo("disconnect");

        FakeTransport t2 = new FakeTransport();
        Session s2 = new Session("sid2", t2, node);
        s2.start();
        s2.onText("{\"op\":\"authorize\",\"id\":1,\"appkey\":\"a\"}".getBytes(StandardCharsets.UTF_8));
        t2.fireTimers();
        assertThat(t2.closedWith).isNull();
    }

    @Test
    void tenMalformedFramesCloseWith4000ButUnknownOpsDoNotCount() {
        session.start();
        for (int i = 0; i < 20; i++) {
            assertThat(send("{\"op\":\"dance\",\"id\":" + i + "}").path("error").asText()).isEqualTo("unknown_op");
        }
        assertThat(transport.closedWith).isNull();
        for (int i = 0; i < 9; i++) {
            JsonNode r = send("not json");
            assertThat(r.path("id").isNull()).isTrue();
            assertThat(r.path("code").asInt()).isEqualTo(400);
        }
        assertThat(transport.closedWith).isNull();
        send("{}");
        assertThat(transport.closedWith).isEqualTo(4000);
    }

    @Test
    void anOtpIsAcceptedOnceAndItsClaimsDecidePublishing() {
        session.start();
        String otp = Otps.mint(SECRET, "u1", Duration.ofSeconds(60), "U", null, List.of("news"), Instant.now());
        JsonNode ok = send("{\"op\":\"authorize\",\"id\":1,\"appkey\":\"a\",\"userId\":\"u1\",\"otp\":\"" + otp + "\"}");
        assertThat(ok.path("userId").asText()).isEqualTo("u1");
        assertThat(ok.path("canPublish").asBoolean()).isTrue();
        assertThat(send("{\"op\":\"publish\",\"id\":2,\"channel\":\"news\",\"content\":1}").path("code").asInt())
                .isEqualTo(200);
        assertThat(send("{\"op\":\"publish\",\"id\":3,\"channel\":\"other\",\"content\":1}").path("error").asText())
                .isEqualTo("forbidden");

        FakeTransport t2 = new FakeTransport();
        Session replay = new Session("sid2", t2, node);
        replay.start();
        replay.onText(("{\"op\":\"authorize\",\"id\":1,\"appkey\":\"a\",\"otp\":\"" + otp + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(t2.last().path("error").asText()).isEqualTo("otp_reused");
    }

    @Test
    void starGlobsDecidePublishingChannelByChannel() {
        session.start();
        String otp = Otps.mint(SECRET, "u1", Duration.ofSeconds(60), null, null, List.of("room:*:chat", "job:*"),
                Instant.now());
        send("{\"op\":\"authorize\",\"id\":1,\"appkey\":\"a\",\"otp\":\"" + otp + "\"}");
        String[][] cases = {{"room:7:chat", "200"}, {"room:7:chat", "200"}, {"room:7:chatter", "403"},
            {"job:", "200"}, {"jobs", "403"}, {"room:7:chat", "200"}};
        int id = 2;
        for (String[] c : cases) {
            assertThat(send("{\"op\":\"publish\",\"id\":" + id++ + ",\"channel\":\"" + c[0] + "\",\"content\":1}")
                    .path("code").asInt()).as(c[0]).isEqualTo(Integer.parseInt(c[1]));
        }
    }

    @Test
    void repliesWaitingOnTheBrokerKeepRequestOrder() {
        CompletableFuture<Boolean> slowDedupe = new CompletableFuture<>();
        OnceStore held = (key, ttl) -> slowDedupe;
        NodeBacking backing = new NodeBacking(NodeBacking.newNodeId(), new MemoryBroker(), held,
                MemoryOnceStore.forTtl(() -> 0L, Duration.ofMinutes(1)), MemoryOnceStore.forTtl(() -> 0L, Duration.ofMinutes(1)));
        Node slow = new Node(backing, config.limits(), new Apps(config.apps()), new FrameCodec(), new ServerMetrics(),
                Clock.systemUTC(), List.of());
        FakeTransport t = new FakeTransport();
        Session s = new Session("sid3", t, slow);
        s.start();
        String otp = Otps.mint(SECRET, "u1", Duration.ofSeconds(60), null, null, List.of("*"), Instant.now());
        s.onText(("{\"op\":\"authorize\",\"id\":1,\"appkey\":\"a\",\"otp\":\"" + otp + "\"}").getBytes(StandardCharsets.UTF_8));
        s.onText("{\"op\":\"publish\",\"id\":2,\"channel\":\"n\",\"content\":1,\"guid\":\"g\"}".getBytes(StandardCharsets.UTF_8));
        s.onText("{\"op\":\"unsubscribe\",\"id\":3,\"channel\":\"n\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(t.sent).extracting(f -> f.path("id").asInt()).containsExactly(1);
        slowDedupe.complete(true);
        assertThat(t.sent).extracting(f -> f.path("id").asInt()).containsExactly(1, 2, 3);
        slow.close();
    }

    @Test
    void aSlowConsumerGetsADisconnectAnd4010() {
        session.start();
        transport.full = true;
        session.onText("{\"op\":\"authorize\",\"id\":1,\"appkey\":\"a\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(transport.closedWith).isEqualTo(4010);
        assertThat(transport.last().path("op").asText()).isEqualTo("disconnect");
        assertThat(transport.last().path("reconnect").asBoolean()).isTrue();
    }

    @Test
    void closingDropsEverySubscriptionFromTheHub() {
        session.start();
        send("{\"op\":\"authorize\",\"id\":1,\"appkey\":\"a\"}");
        send("{\"op\":\"subscribe\",\"id\":2,\"channel\":\"c1\"}");
        send("{\"op\":\"subscribe\",\"id\":3,\"channel\":\"c2\"}");
        assertThat(node.localSubscribers(new ChannelKey("a", "c1"))).isEqualTo(1);
        session.onClosed();
        assertThat(node.localSubscribers(new ChannelKey("a", "c1"))).isZero();
        assertThat(node.localSubscribers(new ChannelKey("a", "c2"))).isZero();
        assertThat(node.hasSessions()).isFalse();
    }
}
