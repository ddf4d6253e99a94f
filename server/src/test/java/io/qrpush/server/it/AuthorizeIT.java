package io.qrpush.server.it;

import static io.qrpush.server.it.TestServer.APP_A;
import static io.qrpush.server.it.TestServer.APP_B;
import static io.qrpush.server.it.TestServer.SECRET_A;
import static io.qrpush.server.it.TestServer.SECRET_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.qrpush.protocol.token.HandMadeJwts;
import io.qrpush.protocol.token.Otps;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/protocol.md section 2 and 3 "authorize": anonymous and otp users, every otp refusal, appkeys, timeout. */
class AuthorizeIT extends OnEachWire {
    private static String authorize(long id, String appkey, String otp, String userId) {
        return "{\"op\":\"authorize\",\"id\":" + id + ",\"appkey\":\"" + appkey + "\""
                + (otp == null ? "" : ",\"otp\":\"" + otp + "\"")
                + (userId == null ? "" : ",\"userId\":\"" + userId + "\"") + ",\"sdk\":\"it/1\"}";
    }

    @Test
    void anonymousUserIsAnonSidAndPublishesOnlyWhereTheAppAllowsIt() throws Exception {
        server = TestServer.start();
        try (FrameClient a = server.connect(wire); FrameClient b = server.connect(wire)) {
            JsonNode ra = a.requestOk(authorize(1, APP_A, null, null));
            assertThat(ra.path("sid").asText()).isNotBlank();
            assertThat(ra.path("userId").asText()).isEqualTo("anon-" + ra.path("sid").asText());
            assertThat(ra.path("canPublish").asBoolean(true)).isFalse();
            assertThat(ra.path("pingInterval").asLong()).isEqualTo(25_000);

            JsonNode rb = b.requestOk(authorize(1, APP_B, null, null));
            assertThat(rb.path("userId").asText()).isEqualTo("anon-" + rb.path("sid").asText());
            assertThat(rb.path("sid").asText()).isNotEqualTo(ra.path("sid").asText());
            assertThat(rb.path("canPublish").asBoolean(false)).as("app B has anonymousPublish").isTrue();
        }
    }

    @Test
    void otpUserIsItsSubAndMayPublishWhenItHasGlobs() throws Exception {
        server = TestServer.start();
        try (FrameClient withGlobs = server.connect(wire); FrameClient withoutGlobs = server.connect(wire)) {
            JsonNode r = withGlobs.requestOk(authorize(1, APP_A, TestServer.otp(SECRET_A, "u1", "news"), "u1"));
            assertThat(r.path("userId").asText()).isEqualTo("u1");
            assertThat(r.path("canPublish").asBoolean(false)).isTrue();
            JsonNode r2 = withoutGlobs.requestOk(authorize(1, APP_A, TestServer.otp(SECRET_A, "u2"), null));
            assertThat(r2.path("userId").asText()).isEqualTo("u2");
            assertThat(r2.path("canPublish").asBoolean(true)).isFalse();
        }
    }

    @Test
    void everyBadOtpIsRefused401AndTheConnectionStaysOpen() throws Exception {
        server = TestServer.start();
        long now = Instant.now().getEpochSecond();
        String good = HandMadeJwts.otpClaims("u1", 60);
        String[][] cases = {
            {HandMadeJwts.flipSignatureChar(HandMadeJwts.hs256(good, SECRET_A)), "bad_otp", "bad signature"},
            {HandMadeJwts.sign("{\"alg\":\"HS512\",\"typ\":\"JWT\"}", good, "HmacSHA512", SECRET_A), "bad_otp", "HS512"},
            {HandMadeJwts.sign("{\"alg\":\"HS384\",\"typ\":\"JWT\"}", good, "HmacSHA384", SECRET_A), "bad_otp", "HS384"},
            {HandMadeJwts.unsigned(good), "bad_otp", "alg none"},
            {HandMadeJwts.sign("{\"alg\":\"none\"}", good, "HmacSHA256", SECRET_A), "bad_otp", "alg none, signed"},
            {HandMadeJwts.hs256("{\"sub\":\"u1\",\"iat\":" + (now - 120) + ",\"exp\":" + (now - 60) + ",\"jti\":\"j-exp\"}",
                    SECRET_A), "otp_expired", "expired"},
            {HandMadeJwts.hs256("{\"sub\":\"u1\",\"iat\":" + now + ",\"exp\":" + (now + 601) + ",\"jti\":\"j-long\"}",
                    SECRET_A), "bad_otp", "lifetime 601 s"},
            {HandMadeJwts.hs256("{\"sub\":\"u1\",\"exp\":" + (now + 3600) + ",\"jti\":\"j-noiat\"}", SECRET_A),
                "bad_otp", "no iat, an hour left"},
            {HandMadeJwts.hs256("{\"sub\":\"u1\",\"iat\":" + now + ",\"exp\":" + (now + 60) + "}", SECRET_A), "bad_otp",
                "no jti"},
            {HandMadeJwts.hs256("{\"iat\":" + now + ",\"exp\":" + (now + 60) + ",\"jti\":\"j-nosub\"}", SECRET_A), "bad_otp",
                "no sub"},
            {HandMadeJwts.hs256("{\"sub\":\"u1\",\"iat\":" + now + ",\"jti\":\"j-noexp\"}", SECRET_A), "bad_otp", "no exp"},
            {HandMadeJwts.hs256(good, SECRET_B), "bad_otp", "app B's secret"},
            {"not.a.jwt", "bad_otp", "garbage"},
        };
        try (FrameClient c = server.connect(wire)) {
            long id = 1;
            for (String[] k : cases) {
                JsonNode r = c.request(authorize(id++, APP_A, k[0], null));
                assertThat(r.path("code").asInt()).as(k[2]).isEqualTo(401);
                assertThat(r.path("error").asText()).as(k[2]).isEqualTo(k[1]);
                assertThat(r.path("message").asText()).as(k[2]).isNotBlank();
            }
            assertThat(c.isClosed()).isFalse();
            c.requestOk(authorize(id, APP_A, HandMadeJwts.hs256(good, SECRET_A), "u1"));
        }
    }

    @Test
    void userIdMustEqualTheOtpSub() throws Exception {
        server = TestServer.start();
        try (FrameClient c = server.connect(wire)) {
            JsonNode r = c.request(authorize(1, APP_A, TestServer.otp(SECRET_A, "u1"), "u2"));
            assertThat(r.path("code").asInt()).isEqualTo(401);
            assertThat(r.path("error").asText()).isEqualTo("bad_otp");
        }
    }

    @Test
    void anOtpIsAcceptedOnceOnlyEvenOnAnotherConnection() throws Exception {
        server = TestServer.start();
        String otp = Otps.mint(SECRET_A, "u1", Duration.ofSeconds(60), null, null, List.of(), Instant.now());
        try (FrameClient first = server.connect(wire); FrameClient second = server.connect(wire)) {
            first.requestOk(authorize(1, APP_A, otp, "u1"));
            JsonNode r = second.request(authorize(1, APP_A, otp, "u1"));
            assertThat(r.path("code").asInt()).isEqualTo(401);
            assertThat(r.path("error").asText()).isEqualTo("otp_reused");
            JsonNode again = second.request(authorize(2, APP_A, otp, null));
            assertThat(again.path("error").asText()).isEqualTo("otp_reused");
        }
    }

    @Test
    void unknownAppkeyIs401ThenClose4001() throws Exception {
        server = TestServer.start();
        try (FrameClient c = server.connect(wire)) {
            JsonNode r = c.request(authorize(1, "no-such-app", null, null));
            assertThat(r.path("code").asInt()).isEqualTo(401);
            assertThat(r.path("error").asText()).isEqualTo("unauthorized");
            JsonNode d = c.next("disconnect");
            assertThat(d.path("code").asInt()).isEqualTo(4001);
            assertThat(d.path("reconnect").asBoolean(true)).isFalse();
            assertThat(c.awaitClose()).isEqualTo(4001);
        }
    }

    @Test
    void requestsBeforeAuthorizeAre401AndTheConnectionStaysOpen() throws Exception {
        server = TestServer.start();
        try (FrameClient c = server.connect(wire)) {
            String[] early = {
                "{\"op\":\"subscribe\",\"id\":1,\"channel\":\"news\"}",
                "{\"op\":\"unsubscribe\",\"id\":2,\"channel\":\"news\"}",
                "{\"op\":\"publish\",\"id\":3,\"channel\":\"news\",\"content\":1}",
            };
            for (String f : early) {
                JsonNode r = c.request(f);
                assertThat(r.path("code").asInt()).as(f).isEqualTo(401);
                assertThat(r.path("error").asText()).as(f).isEqualTo("unauthorized");
            }
            c.send("{\"op\":\"ping\"}");
            c.next("pong");
            c.requestOk(authorize(4, APP_A, null, null));
            c.requestOk("{\"op\":\"subscribe\",\"id\":5,\"channel\":\"news\"}");
        }
    }

    @Test
    void aSecondAuthorizeIs400AndChangesNothing() throws Exception {
        server = TestServer.start();
        try (FrameClient c = server.connect(wire)) {
            JsonNode first = c.requestOk(authorize(1, APP_A, null, null));
            JsonNode again = c.request(authorize(2, APP_A, TestServer.otp(SECRET_A, "u1", "*"), null));
            assertThat(again.path("code").asInt()).isEqualTo(400);
            assertThat(again.path("error").asText()).isEqualTo("bad_request");
            JsonNode other = c.request(authorize(3, "no-such-app", null, null));
            assertThat(other.path("code").asInt()).as("already authorized beats unknown appkey").isEqualTo(400);
            JsonNode pub = c.publish("news", "1");
            assertThat(pub.path("code").asInt()).as("still %s", first.path("userId")).isEqualTo(403);
            assertThat(c.isClosed()).isFalse();
        }
    }

    @Test
    void aConnectionNotAuthorizedInTimeIsClosed4001() throws Exception {
        assumeTrue(wire == Wire.WEBSOCKET, "a stream opens with its first frame: there is no stream that sent nothing");
        server = TestServer.start(c -> c.withLimits(c.limits().withTimers(Duration.ofMillis(300),
                Duration.ofSeconds(25), Duration.ofSeconds(60))));
        try (FrameClient idle = server.connect(wire); FrameClient quick = server.connect(wire)) {
            quick.requestOk(authorize(1, APP_A, null, null));
            long t0 = System.nanoTime();
            JsonNode d = idle.next("disconnect");
            assertThat(d.path("code").asInt()).isEqualTo(4001);
            assertThat(idle.awaitClose()).isEqualTo(4001);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(8));
            quick.send("{\"op\":\"ping\"}");
            quick.next("pong");
            assertThat(quick.isClosed()).as("an authorized connection outlives the timeout").isFalse();
        }
    }
}
