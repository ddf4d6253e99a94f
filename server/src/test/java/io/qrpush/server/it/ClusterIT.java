package io.qrpush.server.it;

import static io.qrpush.server.it.TestServer.APP_A;
import static io.qrpush.server.it.TestServer.API_KEY_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Three nodes sharing one real Redis: what one node promises must hold across all of them. */
class ClusterIT extends ThreeNodeCluster {
    private TestServer a;
    private TestServer b;
    private TestServer c;

    @BeforeEach
    void nameNodes() {
        a = nodes[0];
        b = nodes[1];
        c = nodes[2];
    }

    @Test
    void aMessagePublishedOnOneNodeReachesSubscribersOnTheOthersInOrder() throws Exception {
        WsClient subA = track(a.anonymous(APP_A));
        WsClient subC = track(c.anonymous(APP_A));
        subA.subscribe("news", null);
        subC.subscribe("news", null);
        WsClient pubB = track(b.user(APP_A, "u1", "news"));
        for (int i = 0; i < 30; i++) {
            assertThat(pubB.publish("news", "{\"n\":" + i + "}").path("code").asInt()).isEqualTo(200);
        }
        for (WsClient sub : List.of(subA, subC)) {
            for (int i = 0; i < 30; i++) {
                JsonNode m = sub.next("message");
                assertThat(m.path("content").path("n").asInt()).isEqualTo(i);
                assertThat(m.path("from").asText()).isEqualTo("u1");
            }
        }
        var res = c.api("POST", "/api/v1/publish", API_KEY_A, "{\"channel\":\"news\",\"content\":\"api\"}");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(subA.next("message").path("content").asText()).isEqualTo("api");
    }

    @Test
    void aGuidIsDeliveredOnceWhicheverNodesItIsPublishedOn() throws Exception {
        WsClient sub = track(a.anonymous(APP_A));
        sub.subscribe("orders", null);
        WsClient pubB = track(b.user(APP_A, "u1", "orders"));
        WsClient pubC = track(c.user(APP_A, "u2", "orders"));
        String frame = "{\"op\":\"publish\",\"id\":%d,\"channel\":\"orders\",\"content\":%d,\"guid\":\"g-1\"}";
        assertThat(pubB.requestOk(String.format(frame, 10, 1)).has("duplicate")).isFalse();
        assertThat(pubC.requestOk(String.format(frame, 11, 2)).path("duplicate").asBoolean()).isTrue();
        pubC.publish("orders", "3");
        assertThat(sub.next("message").path("content").asInt()).isEqualTo(1);
        assertThat(sub.next("message").path("content").asInt()).as("the repeat was not delivered").isEqualTo(3);
    }

    @Test
    void anOtpAcceptedOnOneNodeIsRefusedOnAnother() throws Exception {
        String otp = TestServer.otp(TestServer.SECRET_A, "u5");
        String authorize = "{\"op\":\"authorize\",\"id\":1,\"appkey\":\"" + APP_A + "\",\"otp\":\"" + otp + "\"}";
        track(a.connect()).requestOk(authorize);
        assertThat(track(b.connect()).request(authorize).path("error").asText()).isEqualTo("otp_reused");
    }

    @Test
    void onlyTheFirstAckAcrossNodesBecomesAReceipt() throws Exception {
        WsClient subB = track(b.user(APP_A, "reader-b"));
        WsClient subC = track(c.user(APP_A, "reader-c"));
        subB.subscribe("mail", null);
        subC.subscribe("mail", null);
        WsClient pub = track(a.user(APP_A, "writer", "mail"));
        JsonNode reply = pub.requestOk("{\"op\":\"publish\",\"id\":5,\"channel\":\"mail\",\"content\":1,\"receipt\":true}");
        String guid = reply.path("guid").asText();
        for (WsClient sub : List.of(subB, subC)) {
            assertThat(sub.next("message").path("guid").asText()).isEqualTo(guid);
            sub.send("{\"op\":\"ack\",\"channel\":\"mail\",\"guid\":\"" + guid + "\"}");
        }
        JsonNode receipt = pub.next("receipt");
        assertThat(receipt.path("guid").asText()).isEqualTo(guid);
        assertThat(receipt.path("by").asText()).isIn("reader-b", "reader-c");
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(3))
                .until(() -> pub.drain().stream().noneMatch(f -> "receipt".equals(f.path("op").asText())));
    }

    @Test
    void subscriberCountsAndKicksSpanAllNodes() throws Exception {
        track(a.anonymous(APP_A)).subscribe("room", null);
        track(a.anonymous(APP_A)).subscribe("room", null);
        track(b.anonymous(APP_A)).subscribe("room", null);
        var count = c.api("GET", "/api/v1/channels/room", API_KEY_A, null);
        assertThat(count.body()).contains("\"subscribers\":3");

        WsClient onB = track(b.user(APP_A, "u9"));
        WsClient onC = track(c.user(APP_A, "u9"));
        WsClient other = track(c.user(APP_A, "u10"));
        var kicked = a.api("POST", "/api/v1/disconnect", API_KEY_A, "{\"userId\":\"u9\"}");
        assertThat(kicked.body()).contains("\"disconnected\":2");
        assertThat(onB.awaitClose()).isEqualTo(4011);
        assertThat(onC.awaitClose()).isEqualTo(4011);
        assertThat(other.isClosed()).isFalse();
    }

    /**
     * docs/protocol.md section 8: a round-robin balancer sends a stream's uplinks to any node, so
     * node B forwards them through Redis to node A, which holds the stream; replies and messages
     * still come down the stream in order, and a secret no node holds is 404 wherever it is posted.
     */
    @Test
    void aStreamOnOneNodeTakesItsUplinksPostedToAnother() throws Exception {
        StreamClient onA = track(StreamClient.to(a.port(), b.port(), TestServer.ORIGIN_A));
        onA.requestOk("{\"op\":\"authorize\",\"id\":1,\"appkey\":\"" + APP_A + "\",\"otp\":\""
                + TestServer.otp(TestServer.SECRET_A, "streamer", "news") + "\"}");
        assertThat(onA.subscribe("news", null).path("code").asInt()).isEqualTo(200);
        WsClient subC = track(c.anonymous(APP_A));
        subC.subscribe("news", null);
        for (int i = 0; i < 10; i++) {
            assertThat(onA.publish("news", String.valueOf(i)).path("code").asInt()).isEqualTo(200);
        }
        for (int i = 0; i < 10; i++) {
            assertThat(subC.next("message").path("content").asInt()).isEqualTo(i);
            assertThat(onA.next("message").path("content").asInt()).isEqualTo(i);
        }
        String secret = onA.session();
        String forged = secret.substring(0, secret.indexOf('.') + 1) + "A".repeat(22);
        assertThat(onA.uplink("{\"session\":\"" + forged + "\",\"frames\":[]}").statusCode()).isEqualTo(404);
        assertThat(onA.uplink("{\"session\":\"nosuchnode0.x\",\"frames\":[]}").statusCode()).isEqualTo(404);
        assertThat(onA.uplink("{\"session\":\"" + secret + "\",\"frames\":[{\"op\":\"ping\"}]}").statusCode())
                .isEqualTo(204);
        onA.next("pong");
    }

    /**
     * docs/protocol.md section 8, where the round-robin runs' 404s came from: a stream is known
     * to every node from its first event on, so an uplink posted to another node the moment the
     * authorize reply arrives is delivered; 404 is for a stream that ended, here one its client
     * closed (what the load tester's teardown met with a ping in flight), from any node.
     */
    @Test
    void aFreshStreamsFirstUplinkOnAnotherNodeIsDeliveredAndAClosedStreamIs404Everywhere() throws Exception {
        for (int i = 0; i < 20; i++) {
            StreamClient s = track(StreamClient.to(a.port(), (i % 2 == 0 ? b : c).port(), TestServer.ORIGIN_A));
            s.requestOk("{\"op\":\"authorize\",\"id\":1,\"appkey\":\"" + APP_A + "\"}");
            assertThat(s.uplink(ping(s.session())).statusCode()).as("stream %d's first uplink", i).isEqualTo(204);
            s.next("pong");
        }
        StreamClient closed = track(StreamClient.to(a.port(), b.port(), TestServer.ORIGIN_A));
        closed.requestOk("{\"op\":\"authorize\",\"id\":1,\"appkey\":\"" + APP_A + "\"}");
        String secret = closed.session();
        closed.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> closed.uplink(ping(secret)).statusCode() == 404);
        for (TestServer n : List.of(a, c)) {
            var r = StreamClient.to(n.port(), n.port(), TestServer.ORIGIN_A).uplink(ping(secret));
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.body()).contains("not_found");
        }
    }

    private static String ping(String secret) {
        return "{\"session\":\"" + secret + "\",\"frames\":[{\"op\":\"ping\"}]}";
    }
}
