package io.qrpush.server.it;

import static io.qrpush.server.it.SubscribeIT.framesBeforePong;
import static io.qrpush.server.it.SubscribeIT.messages;
import static io.qrpush.server.it.TestServer.APP_A;
import static io.qrpush.server.it.TestServer.APP_B;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** docs/protocol.md section 3 "publish" and "message": permissions, size, dedupe, guids, echo, order, isolation. */
class PublishIT extends OnEachWire {
    private static JsonNode publish(FrameClient c, String channel, String content, String extra) throws Exception {
        return c.request("{\"op\":\"publish\",\"id\":" + c.nextId() + ",\"channel\":\"" + channel + "\",\"content\":"
                + content + extra + "}");
    }

    @Test
    void otpPubGlobsDecideWhereAUserMayPublish() throws Exception {
        server = TestServer.start();
        try (FrameClient c = server.user(wire, APP_A, "u1", "news", "chat:*", "room-*-public")) {
            for (String ok : new String[] {"news", "chat:1", "chat:", "chat:a:b", "room-7-public", "room--public"}) {
                assertThat(c.publish(ok, "1").path("code").asInt()).as(ok).isEqualTo(200);
            }
            for (String no : new String[] {"news2", "xnews", "chat", "room-7-private", "private:x", "other"}) {
                JsonNode r = c.publish(no, "1");
                assertThat(r.path("code").asInt()).as(no).isEqualTo(403);
                assertThat(r.path("error").asText()).as(no).isEqualTo("forbidden");
            }
        }
    }

    @Test
    void anonymousUsersPublishOnlyInAnAppWithAnonymousPublish() throws Exception {
        server = TestServer.start();
        try (FrameClient anonA = server.anonymous(wire, APP_A); FrameClient anonB = server.anonymous(wire, APP_B);
             FrameClient noGlobsA = server.user(wire, APP_A, "u2"); FrameClient noGlobsB = server.user(wire, APP_B, "u3")) {
            assertThat(anonA.publish("news", "1").path("error").asText()).isEqualTo("forbidden");
            assertThat(noGlobsA.publish("news", "1").path("error").asText()).isEqualTo("forbidden");
            assertThat(anonB.publish("news", "1").path("code").asInt()).isEqualTo(200);
            assertThat(noGlobsB.publish("news", "1").path("code").asInt()).isEqualTo(200);
            JsonNode priv = anonB.publish("private:x", "1");
            assertThat(priv.path("error").asText()).as("protected channels need a glob").isEqualTo("forbidden");
        }
    }

    @Test
    void anonymousPcCannotPublishToALoginChannel() throws Exception {
        server = TestServer.start();
        try (FrameClient pcA = server.anonymous(wire, APP_A); FrameClient pcB = server.anonymous(wire, APP_B)) {
            for (FrameClient pc : new FrameClient[] {pcA, pcB}) {
                JsonNode r = publish(pc, "login:k123", "{\"action\":\"confirm\"}", "");
                assertThat(r.path("code").asInt()).isEqualTo(403);
                assertThat(r.path("error").asText()).isEqualTo("forbidden");
            }
        }
    }

    @Test
    void contentOverMaxContentBytesIs413() throws Exception {
        server = TestServer.start(LimitsBuilder.limits(l -> l.maxContentBytes = 1000));
        try (FrameClient sub = server.anonymous(wire, APP_A); FrameClient c = server.user(wire, APP_A, "u1", "*")) {
            sub.subscribe("news", null);
            String exactly = "\"" + "x".repeat(998) + "\"";
            assertThat(c.publish("news", exactly).path("code").asInt()).as("1000 bytes").isEqualTo(200);
            assertThat(sub.next("message").path("content").asText()).hasSize(998);
            JsonNode over = c.publish("news", "\"" + "x".repeat(999) + "\"");
            assertThat(over.path("code").asInt()).as("1001 bytes").isEqualTo(413);
            assertThat(over.path("error").asText()).isEqualTo("too_large");
            JsonNode multibyte = c.publish("news", "\"" + "é".repeat(500) + "\"");
            assertThat(multibyte.path("code").asInt()).as("500 chars, 1002 UTF-8 bytes").isEqualTo(413);
            assertThat(messages(framesBeforePong(sub))).isZero();
            assertThat(c.isClosed()).isFalse();
        }
    }

    @Tag(TestServer.SINGLE_NODE)
    @Test
    void aRepeatedGuidIsADuplicateAndIsNotDeliveredAgain() throws Exception {
        server = TestServer.start();
        try (FrameClient sub = server.anonymous(wire, APP_A); FrameClient c = server.user(wire, APP_A, "u1", "*")) {
            sub.subscribe("news", null);
            sub.subscribe("sport", null);
            JsonNode first = publish(c, "news", "1", ",\"guid\":\"g-1\"");
            assertThat(first.path("guid").asText()).isEqualTo("g-1");
            assertThat(first.path("delivered").asInt()).isEqualTo(1);
            assertThat(first.has("duplicate")).isFalse();
            JsonNode retry = publish(c, "news", "1", ",\"guid\":\"g-1\",\"retried\":1");
            assertThat(retry.path("code").asInt()).isEqualTo(200);
            assertThat(retry.path("duplicate").asBoolean()).isTrue();
            assertThat(retry.path("guid").asText()).isEqualTo("g-1");
            JsonNode otherChannel = publish(c, "sport", "2", ",\"guid\":\"g-1\"");
            assertThat(otherChannel.has("duplicate")).as("dedupe is per channel").isFalse();
            try (FrameClient other = server.user(wire, APP_A, "u9", "*")) {
                assertThat(publish(other, "news", "3", ",\"guid\":\"g-1\"").path("duplicate").asBoolean())
                        .as("per app and channel, whoever publishes").isTrue();
            }
            try (FrameClient appB = server.user(wire, APP_B, "u1", "*")) {
                assertThat(publish(appB, "news", "4", ",\"guid\":\"g-1\"").has("duplicate")).isFalse();
            }
            assertThat(sub.next("message").path("guid").asText()).isEqualTo("g-1");
            JsonNode m2 = sub.next("message");
            assertThat(m2.path("channel").asText()).isEqualTo("sport");
            assertThat(messages(framesBeforePong(sub))).isZero();
        }
    }

    @Test
    void theServerAssignsAFreshGuidWhenNoneIsGiven() throws Exception {
        server = TestServer.start();
        try (FrameClient sub = server.anonymous(wire, APP_A); FrameClient c = server.user(wire, APP_A, "u1", "*")) {
            sub.subscribe("news", null);
            Set<String> guids = new HashSet<>();
            for (int i = 0; i < 5; i++) {
                JsonNode r = c.publish("news", "1");
                assertThat(r.has("duplicate")).isFalse();
                String guid = r.path("guid").asText();
                assertThat(guid).isNotBlank();
                assertThat(sub.next("message").path("guid").asText()).isEqualTo(guid);
                guids.add(guid);
            }
            assertThat(guids).hasSize(5);
        }
    }

    @Test
    void thePublisherGetsItsOwnMessageOnlyWhenSubscribed() throws Exception {
        server = TestServer.start();
        try (FrameClient c = server.user(wire, APP_A, "u1", "*")) {
            assertThat(c.publish("news", "1").path("delivered").asInt()).isZero();
            assertThat(messages(framesBeforePong(c))).isZero();
            c.subscribe("news", null);
            assertThat(c.publish("news", "2").path("delivered").asInt()).isEqualTo(1);
            JsonNode m = c.next("message");
            assertThat(m.path("from").asText()).isEqualTo("u1");
            assertThat(m.path("content").asInt()).isEqualTo(2);
        }
    }

    @Test
    void messagesArriveInPublishOrderPerChannelAndPublisher() throws Exception {
        server = TestServer.start();
        int n = 200;
        try (FrameClient sub = server.anonymous(wire, APP_A); FrameClient p1 = server.user(wire, APP_A, "p1", "*");
             FrameClient p2 = server.user(wire, APP_A, "p2", "*")) {
            sub.subscribe("news", null);
            for (int i = 0; i < n; i++) {
                p1.send("{\"op\":\"publish\",\"id\":" + (1000 + i) + ",\"channel\":\"news\",\"content\":" + i + "}");
                p2.send("{\"op\":\"publish\",\"id\":" + (5000 + i) + ",\"channel\":\"news\",\"content\":" + i + "}");
            }
            for (int i = 0; i < n; i++) {
                JsonNode r = p1.next("reply");
                assertThat(r.path("id").asLong()).as("replies in request order").isEqualTo(1000 + i);
                assertThat(r.path("code").asInt()).isEqualTo(200);
            }
            int[] next = new int[2];
            for (int i = 0; i < 2 * n; i++) {
                JsonNode m = sub.next("message");
                int who = "p1".equals(m.path("from").asText()) ? 0 : 1;
                assertThat(m.path("content").asInt()).as("from %s", m.path("from")).isEqualTo(next[who]++);
            }
            assertThat(next).containsExactly(n, n);
        }
    }

    @Tag(TestServer.SINGLE_NODE)
    @Test
    void appsNeverMeetOnEqualChannelNames() throws Exception {
        server = TestServer.start();
        try (FrameClient subA = server.anonymous(wire, APP_A); FrameClient subB = server.anonymous(wire, APP_B);
             FrameClient pubA = server.user(wire, APP_A, "u1", "*"); FrameClient pubB = server.user(wire, APP_B, "u1", "*")) {
            subA.subscribe("news", null);
            subB.subscribe("news", null);
            assertThat(pubA.publish("news", "\"from A\"").path("delivered").asInt()).isEqualTo(1);
            assertThat(pubB.publish("news", "\"from B\"").path("delivered").asInt()).isEqualTo(1);
            assertThat(subA.next("message").path("content").asText()).isEqualTo("from A");
            assertThat(subB.next("message").path("content").asText()).isEqualTo("from B");
            assertThat(messages(framesBeforePong(subA))).isZero();
            assertThat(messages(framesBeforePong(subB))).isZero();
            assertThat(server.api("POST", "/api/v1/publish", TestServer.API_KEY_B,
                    "{\"channel\":\"news\",\"content\":\"api B\"}").body()).contains("\"delivered\":1");
            assertThat(subB.next("message").path("content").asText()).isEqualTo("api B");
            assertThat(messages(framesBeforePong(subA))).isZero();
        }
    }
}
