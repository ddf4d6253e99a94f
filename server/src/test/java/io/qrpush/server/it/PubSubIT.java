package io.qrpush.server.it;

import static io.qrpush.server.it.TestServer.APP_A;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The basic round trip: authorize, subscribe, publish over WebSocket and over HTTP, receive. */
@ParameterizedClass
@EnumSource(Wire.class)
class PubSubIT extends DefaultServerIT {
    @Parameter
    Wire wire;

    @Tag(TestServer.SINGLE_NODE)
    @Test
    void messagePublishedByAUserReachesEverySubscriberInOrder() throws Exception {
        try (FrameClient sub1 = server.anonymous(wire, APP_A);
             FrameClient sub2 = server.anonymous(wire, APP_A);
             FrameClient pub = server.user(wire, APP_A, "u17", "news")) {
            sub1.subscribe("news", null);
            sub2.subscribe("news", null);
            for (int i = 0; i < 20; i++) {
                JsonNode reply = pub.publish("news", "{\"n\":" + i + "}");
                assertThat(reply.path("code").asInt()).isEqualTo(200);
                assertThat(reply.path("delivered").asInt()).isEqualTo(2);
            }
            for (FrameClient sub : new FrameClient[] {sub1, sub2}) {
                for (int i = 0; i < 20; i++) {
                    JsonNode m = sub.next("message");
                    assertThat(m.path("channel").asText()).isEqualTo("news");
                    assertThat(m.path("from").asText()).isEqualTo("u17");
                    assertThat(m.path("content").path("n").asInt()).isEqualTo(i);
                    assertThat(m.path("ts").asLong()).isPositive();
                }
            }
            assertThat(pub.drain()).noneMatch(f -> "message".equals(f.path("op").asText()));
        }
    }

    @Test
    void serverApiPublishReachesSubscribersWithoutFrom() throws Exception {
        try (FrameClient sub = server.anonymous(wire, APP_A)) {
            sub.subscribe("orders", null);
            var res = server.api("POST", "/api/v1/publish", TestServer.API_KEY_A,
                    "{\"channel\":\"orders\",\"content\":{\"id\":7}}");
            assertThat(res.statusCode()).isEqualTo(200);
            assertThat(res.body()).contains("\"delivered\":1");
            JsonNode m = sub.next("message");
            assertThat(m.has("from")).isFalse();
            assertThat(m.path("content").path("id").asInt()).isEqualTo(7);
        }
    }
}
