package io.qrpush.server.it;

import static io.qrpush.server.it.SubscribeIT.framesBeforePong;
import static io.qrpush.server.it.TestServer.APP_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * docs/protocol.md section 3 "message, ack, receipt": the first ack of a message asking for a receipt
 * reaches its publisher.
 */
@ParameterizedClass
@EnumSource(Wire.class)
class ReceiptIT extends DefaultServerIT {
    @Parameter
    Wire wire;

    private static void ack(FrameClient c, String channel, String guid) throws Exception {
        c.send("{\"op\":\"ack\",\"channel\":\"" + channel + "\",\"guid\":\"" + guid + "\"}");
        framesBeforePong(c).forEach(f -> assertThat(f.path("op").asText()).as("an ack gets no reply")
                .isNotEqualTo("reply"));
    }

    private static List<JsonNode> receipts(FrameClient c) throws Exception {
        return framesBeforePong(c).stream().filter(f -> "receipt".equals(f.path("op").asText())).toList();
    }

    @Test
    void onlyTheFirstAckReachesThePublisherAsAReceipt() throws Exception {
        try (FrameClient s1 = server.user(wire, APP_A, "s1"); FrameClient s2 = server.user(wire, APP_A, "s2");
             FrameClient pub = server.user(wire, APP_A, "p1", "news")) {
            s1.subscribe("news", null);
            s2.subscribe("news", null);
            JsonNode r = pub.request("{\"op\":\"publish\",\"id\":5,\"channel\":\"news\",\"content\":1,"
                    + "\"guid\":\"g-r1\",\"receipt\":true}");
            assertThat(r.path("delivered").asInt()).isEqualTo(2);
            assertThat(s1.next("message").path("guid").asText()).isEqualTo("g-r1");
            assertThat(s2.next("message").path("guid").asText()).isEqualTo("g-r1");
            ack(s2, "news", "g-r1");
            JsonNode receipt = pub.next("receipt");
            assertThat(receipt.path("channel").asText()).isEqualTo("news");
            assertThat(receipt.path("guid").asText()).isEqualTo("g-r1");
            assertThat(receipt.path("by").asText()).isEqualTo("s2");
            ack(s1, "news", "g-r1");
            ack(s2, "news", "g-r1");
            assertThat(receipts(pub)).as("later acks are not reported").isEmpty();
        }
    }

    @Test
    void anAnonymousSubscribersReceiptNamesItsAnonUserId() throws Exception {
        try (FrameClient sub = server.connect(wire); FrameClient pub = server.user(wire, APP_A, "p1", "news")) {
            String userId = sub.requestOk("{\"op\":\"authorize\",\"id\":1,\"appkey\":\"" + APP_A + "\"}")
                    .path("userId").asText();
            sub.subscribe("news", null);
            String guid = pub.request("{\"op\":\"publish\",\"id\":5,\"channel\":\"news\",\"content\":1,"
                    + "\"receipt\":true}").path("guid").asText();
            assertThat(sub.next("message").path("guid").asText()).isEqualTo(guid);
            ack(sub, "news", guid);
            assertThat(pub.next("receipt").path("by").asText()).isEqualTo(userId);
        }
    }

    @Test
    void acksFromConnectionsNotSubscribedToTheChannelAreIgnored() throws Exception {
        try (FrameClient sub = server.user(wire, APP_A, "s1"); FrameClient stranger = server.user(wire, APP_A, "stranger");
             FrameClient pub = server.user(wire, APP_A, "p1", "news")) {
            sub.subscribe("news", null);
            sub.subscribe("other", null);
            stranger.subscribe("other", null);
            pub.request("{\"op\":\"publish\",\"id\":5,\"channel\":\"news\",\"content\":1,\"guid\":\"g-r2\","
                    + "\"receipt\":true}");
            sub.next("message");
            ack(stranger, "news", "g-r2");
            ack(sub, "other", "g-r2");
            try (FrameClient unsubscribed = server.anonymous(wire, APP_A)) {
                ack(unsubscribed, "news", "g-r2");
            }
            assertThat(receipts(pub)).as("acks on channels the acker does not hold").isEmpty();
            ack(sub, "news", "g-r2");
            assertThat(pub.next("receipt").path("by").asText()).as("the real first ack still counts").isEqualTo("s1");
        }
    }

    @Test
    void noReceiptUnlessOneWasAskedFor() throws Exception {
        try (FrameClient sub = server.user(wire, APP_A, "s1"); FrameClient pub = server.user(wire, APP_A, "p1", "news")) {
            sub.subscribe("news", null);
            pub.request("{\"op\":\"publish\",\"id\":5,\"channel\":\"news\",\"content\":1,\"guid\":\"g-r3\"}");
            sub.next("message");
            ack(sub, "news", "g-r3");
            assertThat(receipts(pub)).isEmpty();
        }
    }

    @Test
    void acksBeforeAuthorizeOrForUnknownGuidsAreHarmless() throws Exception {
        assumeTrue(wire == Wire.WEBSOCKET, "a stream opened by an ack has no reply to bring its secret, so it can post nothing more");
        try (FrameClient early = server.connect(wire); FrameClient sub = server.user(wire, APP_A, "s1")) {
            ack(early, "news", "g-x");
            sub.subscribe("news", null);
            ack(sub, "news", "never-published");
            assertThat(early.isClosed()).isFalse();
            assertThat(sub.isClosed()).isFalse();
        }
    }
}
