package io.qrpush.server.it;

import static io.qrpush.server.it.TestServer.APP_A;
import static io.qrpush.server.it.TestServer.API_KEY_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qrpush.server.config.NamespaceSettings;
import io.qrpush.server.config.Namespaces;
import io.qrpush.server.config.QrpushConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/protocol.md section 7 over real sockets: {@code presence}, {@code presence_stats}, the
 * server API's presence, and join/leave per user. In the cluster run the connections alternate
 * between two nodes, so the answers cover both.
 */
class PresenceIT extends ServerPerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static QrpushConfig withPresence(QrpushConfig c) {
        return c.withNamespaces(new Namespaces(List.of(
                new NamespaceSettings("room", 0, Duration.ofSeconds(300), true, true),
                new NamespaceSettings("quiet", 0, Duration.ofSeconds(300), true, false))));
    }

    private static JsonNode query(WsClient c, String op, String channel) throws Exception {
        return c.requestOk("{\"op\":\"" + op + "\",\"id\":" + c.nextId() + ",\"channel\":\"" + channel + "\"}");
    }

    /** The join or leave frames about {@code userId} among what arrived up to a pong. */
    private static long events(WsClient c, String op, String userId) throws Exception {
        return SubscribeIT.framesBeforePong(c).stream()
                .filter(f -> op.equals(f.path("op").asText()) && userId.equals(f.path("user").path("userId").asText()))
                .count();
    }

    @Test
    void aUserWithThreeTabsJoinsOnceLeavesOnceAndIsCountedOnce() throws Exception {
        server = TestServer.start(PresenceIT::withPresence);
        try (WsClient watcher = server.anonymous(APP_A)) {
            watcher.requestOk("{\"op\":\"subscribe\",\"id\":2,\"channel\":\"room:1\"}");
            WsClient[] tabs = new WsClient[3];
            for (int i = 0; i < tabs.length; i++) {
                tabs[i] = server.user(APP_A, "u1");
                tabs[i].requestOk("{\"op\":\"subscribe\",\"id\":2,\"channel\":\"room:1\"}");
            }
            JsonNode join = watcher.next(f -> "join".equals(f.path("op").asText())
                    && "u1".equals(f.path("user").path("userId").asText()));
            assertThat(join.path("channel").asText()).isEqualTo("room:1");
            assertThat(join.path("user").path("name").asText()).isEqualTo("u1 name");
            await().atMost(WsClient.WAIT).untilAsserted(() ->
                    assertThat(query(watcher, "presence_stats", "room:1").path("clients").asInt()).isEqualTo(4));
            assertThat(events(watcher, "join", "u1")).as("joined once").isZero();

            JsonNode presence = query(watcher, "presence", "room:1");
            assertThat(presence.path("users").asInt()).isEqualTo(2);
            assertThat(presence.path("clients")).hasSize(4);
            assertThat(presence.path("clients").findValuesAsText("userId")).contains("u1").anyMatch(u -> u.startsWith("anon-"));
            JsonNode stats = query(watcher, "presence_stats", "room:1");
            assertThat(stats.path("users").asInt()).isEqualTo(2);
            JsonNode http = JSON.readTree(server.api("GET", "/api/v1/channels/room:1/presence", API_KEY_A, null).body());
            assertThat(http.path("clients")).hasSize(4);
            assertThat(http.path("users").asInt()).isEqualTo(2);

            tabs[0].close();
            tabs[1].requestOk("{\"op\":\"unsubscribe\",\"id\":3,\"channel\":\"room:1\"}");
            await().atMost(WsClient.WAIT).untilAsserted(() ->
                    assertThat(query(watcher, "presence_stats", "room:1").path("clients").asInt()).isEqualTo(2));
            assertThat(events(watcher, "leave", "u1")).as("no leave while a tab is left").isZero();
            tabs[2].close();
            JsonNode leave = watcher.next(f -> "leave".equals(f.path("op").asText()));
            assertThat(leave.path("user").path("userId").asText()).isEqualTo("u1");
            assertThat(query(watcher, "presence", "room:1").path("users").asInt()).isEqualTo(1);
            tabs[1].close();
        }
    }

    @Test
    void withoutJoinLeaveNobodyIsToldAndElsewherePresenceIsNotEnabled() throws Exception {
        server = TestServer.start(PresenceIT::withPresence);
        try (WsClient watcher = server.anonymous(APP_A); WsClient other = server.user(APP_A, "u2")) {
            watcher.requestOk("{\"op\":\"subscribe\",\"id\":2,\"channel\":\"quiet:1\"}");
            other.requestOk("{\"op\":\"subscribe\",\"id\":2,\"channel\":\"quiet:1\"}");
            await().atMost(WsClient.WAIT).untilAsserted(() ->
                    assertThat(query(watcher, "presence_stats", "quiet:1").path("users").asInt()).isEqualTo(2));
            assertThat(events(watcher, "join", "u2")).isZero();
            JsonNode notEnabled = watcher.request("{\"op\":\"presence\",\"id\":9,\"channel\":\"news\"}");
            assertThat(notEnabled.path("error").asText()).isEqualTo("not_enabled");
            assertThat(server.api("GET", "/api/v1/channels/news/presence", API_KEY_A, null).statusCode()).isEqualTo(400);
        }
    }
}
