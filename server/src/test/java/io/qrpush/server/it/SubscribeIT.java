package io.qrpush.server.it;

import static io.qrpush.server.it.TestServer.APP_A;
import static io.qrpush.server.it.TestServer.SECRET_A;
import static io.qrpush.server.it.TestServer.SECRET_B;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.qrpush.protocol.token.HandMadeJwts;
import io.qrpush.protocol.token.SubscriptionTokens;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** docs/protocol.md section 3 "subscribe / unsubscribe": no-op repeats, the per-connection limit, tokens, names. */
class SubscribeIT extends OnEachWire {
    /** Every frame the client got before its pong: the server writes each connection's frames in order. */
    static List<JsonNode> framesBeforePong(FrameClient c) throws Exception {
        c.send("{\"op\":\"ping\"}");
        c.next("pong");
        return c.drain();
    }

    static long messages(List<JsonNode> frames) {
        return frames.stream().filter(f -> "message".equals(f.path("op").asText())).count();
    }

    @Tag(TestServer.SINGLE_NODE)
    @Test
    void subscribingTwiceIsA200NoOp() throws Exception {
        server = TestServer.start();
        try (FrameClient sub = server.anonymous(wire, APP_A); FrameClient pub = server.user(wire, APP_A, "u1", "news")) {
            JsonNode first = sub.subscribe("news", null);
            JsonNode second = sub.subscribe("news", null);
            assertThat(first.path("code").asInt()).isEqualTo(200);
            assertThat(second.path("code").asInt()).isEqualTo(200);
            assertThat(second.path("channel").asText()).isEqualTo("news");
            assertThat(pub.publish("news", "1").path("delivered").asInt()).isEqualTo(1);
            sub.next("message");
            assertThat(messages(framesBeforePong(sub))).as("one subscription, one delivery").isZero();
            assertThat(server.api("GET", "/api/v1/channels/news", TestServer.API_KEY_A, null).body())
                    .contains("\"subscribers\":1");
        }
    }

    @Tag(TestServer.SINGLE_NODE)
    @Test
    void overMaxSubscriptionsIs429AndTheConnectionStaysUsable() throws Exception {
        server = TestServer.start(LimitsBuilder.limits(l -> l.maxSubscriptions = 3));
        try (FrameClient c = server.anonymous(wire, APP_A); FrameClient pub = server.user(wire, APP_A, "u1", "*")) {
            for (String ch : new String[] {"c1", "c2", "c3"}) {
                assertThat(c.subscribe(ch, null).path("code").asInt()).isEqualTo(200);
            }
            JsonNode over = c.subscribe("c4", null);
            assertThat(over.path("code").asInt()).isEqualTo(429);
            assertThat(over.path("error").asText()).isEqualTo("too_many_subscriptions");
            assertThat(c.subscribe("c1", null).path("code").asInt()).as("a repeat is still a no-op").isEqualTo(200);
            assertThat(pub.publish("c4", "1").path("delivered").asInt()).as("c4 was not subscribed").isZero();
            assertThat(pub.publish("c3", "3").path("delivered").asInt()).isEqualTo(1);
            assertThat(c.next("message").path("channel").asText()).isEqualTo("c3");
            c.requestOk("{\"op\":\"unsubscribe\",\"id\":" + c.nextId() + ",\"channel\":\"c1\"}");
            assertThat(c.subscribe("c4", null).path("code").asInt()).isEqualTo(200);
            assertThat(c.isClosed()).isFalse();
        }
    }

    @Test
    void protectedChannelsNeedAValidTokenForThatChannel() throws Exception {
        server = TestServer.start();
        Instant later = Instant.now().plusSeconds(60);
        try (FrameClient c = server.anonymous(wire, APP_A)) {
            for (String ch : new String[] {"private:room1", "login:k123"}) {
                String[][] refusals = {
                    {null, "missing"},
                    {SubscriptionTokens.mint(SECRET_A, ch, Instant.now().minusSeconds(5)), "expired"},
                    {SubscriptionTokens.mint(SECRET_A, ch + "x", later), "other channel"},
                    {SubscriptionTokens.mint(SECRET_A, "news", later), "public channel's token"},
                    {SubscriptionTokens.mint(SECRET_B, ch, later), "app B's secret"},
                    {HandMadeJwts.flipSignatureChar(SubscriptionTokens.mint(SECRET_A, ch, later)), "bad signature"},
                    {HandMadeJwts.unsigned("{\"ch\":\"" + ch + "\",\"exp\":" + later.getEpochSecond() + "}"), "alg none"},
                    {HandMadeJwts.hs256("{\"ch\":\"" + ch + "\"}", SECRET_A), "no exp"},
                    {"garbage", "garbage"},
                };
                for (String[] r : refusals) {
                    JsonNode reply = c.subscribe(ch, r[0]);
                    assertThat(reply.path("code").asInt()).as(ch + ": " + r[1]).isEqualTo(403);
                    assertThat(reply.path("error").asText()).as(ch + ": " + r[1]).isEqualTo("bad_token");
                }
            }
            assertThat(c.subscribe("private:room1", TestServer.subscriptionToken(SECRET_A, "private:room1"))
                    .path("code").asInt()).isEqualTo(200);
            assertThat(c.subscribe("news", "any token is ignored on public channels").path("code").asInt())
                    .isEqualTo(200);
        }
    }

    @Test
    void aTokenHolderReceivesThePrivateChannel() throws Exception {
        server = TestServer.start();
        try (FrameClient holder = server.anonymous(wire, APP_A); FrameClient other = server.anonymous(wire, APP_A);
             FrameClient pub = server.user(wire, APP_A, "u1", "private:*")) {
            holder.subscribe("private:room1", TestServer.subscriptionToken(SECRET_A, "private:room1"));
            assertThat(other.subscribe("private:room1", null).path("code").asInt()).isEqualTo(403);
            assertThat(pub.publish("private:room1", "{\"x\":1}").path("delivered").asInt()).isEqualTo(1);
            assertThat(holder.next("message").path("content").path("x").asInt()).isEqualTo(1);
            assertThat(messages(framesBeforePong(other))).isZero();
        }
    }

    @Test
    void badChannelNamesAre400BadChannel() throws Exception {
        server = TestServer.start();
        String[] bad = {"", "a b", "a/b", "a#b", "news!", "ümlaut", "a\\\"b", "x".repeat(129), "tab\\there"};
        try (FrameClient c = server.user(wire, APP_A, "u1", "*")) {
            for (String ch : bad) {
                for (String op : new String[] {"subscribe", "unsubscribe", "publish"}) {
                    long id = c.nextId();
                    JsonNode r = c.request("{\"op\":\"" + op + "\",\"id\":" + id + ",\"channel\":\"" + ch
                            + "\",\"content\":1}");
                    assertThat(r.path("code").asInt()).as(op + " '" + ch + "'").isEqualTo(400);
                    assertThat(r.path("error").asText()).as(op + " '" + ch + "'").isEqualTo("bad_channel");
                }
            }
            JsonNode missing = c.request("{\"op\":\"subscribe\",\"id\":7}");
            assertThat(missing.path("error").asText()).isEqualTo("bad_channel");
            JsonNode number = c.request("{\"op\":\"subscribe\",\"id\":8,\"channel\":42}");
            assertThat(number.path("code").asInt()).isEqualTo(400);
            String longest = "x".repeat(128);
            assertThat(c.subscribe(longest, null).path("code").asInt()).isEqualTo(200);
            assertThat(c.subscribe("A-z_0.9:@=", null).path("code").asInt()).isEqualTo(200);
            assertThat(c.isClosed()).isFalse();
        }
    }

    @Test
    void unsubscribeStopsDelivery() throws Exception {
        server = TestServer.start();
        try (FrameClient sub = server.anonymous(wire, APP_A); FrameClient pub = server.user(wire, APP_A, "u1", "news")) {
            sub.subscribe("news", null);
            pub.publish("news", "1");
            sub.next("message");
            JsonNode r = sub.requestOk("{\"op\":\"unsubscribe\",\"id\":9,\"channel\":\"news\"}");
            assertThat(r.path("channel").asText()).isEqualTo("news");
            assertThat(pub.publish("news", "2").path("delivered").asInt()).isZero();
            assertThat(messages(framesBeforePong(sub))).isZero();
            assertThat(sub.requestOk("{\"op\":\"unsubscribe\",\"id\":10,\"channel\":\"news\"}").path("code").asInt())
                    .as("unsubscribing again is a no-op").isEqualTo(200);
            assertThat(server.api("GET", "/api/v1/channels/news", TestServer.API_KEY_A, null).body())
                    .contains("\"subscribers\":0");
        }
    }
}
