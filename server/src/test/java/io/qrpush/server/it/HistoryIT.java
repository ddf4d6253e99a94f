package io.qrpush.server.it;

import static io.qrpush.server.it.TestServer.API_KEY_B;
import static io.qrpush.server.it.TestServer.APP_B;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qrpush.server.config.NamespaceSettings;
import io.qrpush.server.config.Namespaces;
import io.qrpush.server.config.QrpushConfig;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * docs/protocol.md section 6 over real sockets: offsets, the subscribe reply's position,
 * recovery, the {@code history} op and its HTTP twin. Runs on one node and again on two nodes
 * sharing a real Redis (the cluster run), where each connection goes to the next node in turn.
 */
class HistoryIT extends ServerPerTest {
    /** Channels {@code news:*} keep the last {@value #SIZE} publications; {@code plain} keeps none. */
    static final int SIZE = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    static QrpushConfig withHistory(QrpushConfig c) {
        return c.withNamespaces(new Namespaces(List.of(
                new NamespaceSettings("news", SIZE, Duration.ofSeconds(300), false, false),
                new NamespaceSettings("race", 10_000, Duration.ofSeconds(300), false, false))));
    }

    private static JsonNode subscribe(WsClient c, String channel, String recover) throws Exception {
        return c.request("{\"op\":\"subscribe\",\"id\":" + c.nextId() + ",\"channel\":\"" + channel + "\""
                + (recover == null ? "" : ",\"recover\":" + recover) + "}");
    }

    private static String position(long offset, String epoch) {
        return "{\"offset\":" + offset + ",\"epoch\":\"" + epoch + "\"}";
    }

    /** The next message frame's offset. */
    private static long nextOffset(WsClient c) throws Exception {
        return c.next("message").path("offset").asLong();
    }

    @Test
    void historyChannelsNumberTheirPublicationsAndOthersDoNot() throws Exception {
        server = TestServer.start(HistoryIT::withHistory);
        try (WsClient sub = server.anonymous(APP_B); WsClient pub = server.anonymous(APP_B)) {
            JsonNode reply = subscribe(sub, "news:1", null);
            assertThat(reply.path("offset").asLong()).isZero();
            assertThat(reply.path("epoch").asText()).isNotEmpty();
            sub.requestOk("{\"op\":\"subscribe\",\"id\":" + sub.nextId() + ",\"channel\":\"plain\"}");
            for (int i = 1; i <= 3; i++) {
                assertThat(pub.publish("news:1", "" + i).path("offset").asLong()).isEqualTo(i);
                assertThat(nextOffset(sub)).isEqualTo(i);
            }
            JsonNode plain = pub.publish("plain", "1");
            assertThat(plain.has("offset")).isFalse();
            assertThat(sub.next("message").has("offset")).isFalse();
            JsonNode api = JSON.readTree(server.api("POST", "/api/v1/publish", API_KEY_B,
                    "{\"channel\":\"news:1\",\"content\":4}").body());
            assertThat(api.path("offset").asLong()).isEqualTo(4);
            JsonNode broadcast = JSON.readTree(server.api("POST", "/api/v1/broadcast", API_KEY_B,
                    "{\"channels\":[\"news:1\",\"plain\"],\"content\":5}").body());
            assertThat(broadcast.path("results").get(0).path("offset").asLong()).isEqualTo(5);
            assertThat(broadcast.path("results").get(1).has("offset")).isFalse();
            JsonNode again = subscribe(sub, "news:1", null);
            assertThat(again.path("offset").asLong()).isEqualTo(5);
            assertThat(again.path("epoch").asText()).isEqualTo(reply.path("epoch").asText());
        }
    }

    @Test
    void aClientThatReconnectsGetsWhatItMissedOnceAndInOrder() throws Exception {
        server = TestServer.start(HistoryIT::withHistory);
        try (WsClient pub = server.anonymous(APP_B)) {
            String epoch;
            try (WsClient sub = server.anonymous(APP_B)) {
                epoch = subscribe(sub, "news:r", null).path("epoch").asText();
                pub.publish("news:r", "1");
                assertThat(nextOffset(sub)).isEqualTo(1);
            }
            pub.publish("news:r", "2");
            pub.publish("news:r", "3");
            try (WsClient back = server.anonymous(APP_B)) {
                JsonNode reply = subscribe(back, "news:r", position(1, epoch));
                assertThat(reply.path("code").asInt()).isEqualTo(200);
                assertThat(reply.path("recovered").asBoolean()).isTrue();
                assertThat(reply.path("offset").asLong()).isEqualTo(3);
                assertThat(offsets(reply.path("publications"))).containsExactly(2L, 3L);
                assertThat(reply.path("publications").get(0).path("content").asInt()).isEqualTo(2);
                pub.publish("news:r", "4");
                assertThat(nextOffset(back)).isEqualTo(4);
                assertThat(SubscribeIT.messages(SubscribeIT.framesBeforePong(back))).as("no repeat").isZero();
            }
        }
    }

    @Test
    void aRecoveryThatCannotBeWholeSaysSoWithTheCurrentPosition() throws Exception {
        server = TestServer.start(HistoryIT::withHistory);
        try (WsClient pub = server.anonymous(APP_B); WsClient sub = server.anonymous(APP_B)) {
            String epoch = subscribe(sub, "news:f", null).path("epoch").asText();
            for (int i = 1; i <= SIZE + 3; i++) {
                pub.publish("news:f", "" + i);
            }
            JsonNode tooOld = subscribe(pub, "news:f", position(1, epoch));
            assertThat(tooOld.path("recovered").asBoolean()).isFalse();
            assertThat(tooOld.path("offset").asLong()).isEqualTo(SIZE + 3);
            assertThat(tooOld.path("epoch").asText()).isEqualTo(epoch);
            assertThat(tooOld.has("publications")).isFalse();
            try (WsClient other = server.anonymous(APP_B)) {
                JsonNode otherEpoch = subscribe(other, "news:f", position(SIZE + 3, "someOtherEpoch"));
                assertThat(otherEpoch.path("recovered").asBoolean()).isFalse();
                assertThat(otherEpoch.path("epoch").asText()).isEqualTo(epoch);
                JsonNode current = subscribe(server.anonymous(APP_B), "news:f", position(SIZE + 3, epoch));
                assertThat(current.path("recovered").asBoolean()).isTrue();
                assertThat(current.path("publications")).isEmpty();
            }
        }
    }

    @Test
    void aSubscriberThatKeepsReconnectingUnderConcurrentPublishersSeesEveryOffsetOnce() throws Exception {
        server = TestServer.start(HistoryIT::withHistory);
        int publishers = 3;
        int each = 150;
        long total = (long) publishers * each;
        ExecutorService pool = Executors.newFixedThreadPool(publishers);
        try {
            String epoch;
            try (WsClient first = server.anonymous(APP_B)) {
                epoch = subscribe(first, "race:1", null).path("epoch").asText();
            }
            List<Future<?>> running = new ArrayList<>();
            for (int p = 0; p < publishers; p++) {
                running.add(pool.submit(() -> {
                    try (WsClient pub = server.anonymous(APP_B)) {
                        for (int i = 0; i < each; i++) {
                            assertThat(pub.publish("race:1", "" + i).path("code").asInt()).isEqualTo(200);
                        }
                    }
                    return null;
                }));
            }
            long last = 0;
            while (last < total) {
                try (WsClient sub = server.anonymous(APP_B)) {
                    JsonNode reply = subscribe(sub, "race:1", position(last, epoch));
                    assertThat(reply.path("recovered").asBoolean()).as("recovered from %d: %s", last, reply).isTrue();
                    for (long offset : offsets(reply.path("publications"))) {
                        assertThat(offset).as("recovered after %d", last).isEqualTo(last + 1);
                        last = offset;
                    }
                    // A few live messages, then away again while the publishers go on.
                    for (int i = 0; i < 20 && last < total; i++) {
                        long offset = nextOffset(sub);
                        assertThat(offset).as("live after %d", last).isEqualTo(last + 1);
                        last = offset;
                    }
                }
            }
            for (Future<?> f : running) {
                f.get(30, TimeUnit.SECONDS);
            }
            assertThat(last).isEqualTo(total);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void malformedRecoverIsABadRequest() throws Exception {
        server = TestServer.start(HistoryIT::withHistory);
        try (WsClient c = server.anonymous(APP_B)) {
            for (String bad : new String[] {"\"x\"", "{\"offset\":-1,\"epoch\":\"e\"}", "{\"offset\":1}",
                    "{\"offset\":1.5,\"epoch\":\"e\"}", "{\"offset\":1,\"epoch\":\"not an epoch\"}"}) {
                JsonNode reply = subscribe(c, "news:m", bad);
                assertThat(reply.path("code").asInt()).as(bad).isEqualTo(400);
                assertThat(reply.path("error").asText()).as(bad).isEqualTo("bad_request");
            }
        }
    }

    @Test
    void historyOpAndHttpReadTheKeptPublicationsWithLimitsClamped() throws Exception {
        server = TestServer.start(HistoryIT::withHistory);
        try (WsClient c = server.anonymous(APP_B)) {
            for (int i = 1; i <= SIZE + 2; i++) {
                c.publish("news:h", "" + i);
            }
            JsonNode all = c.requestOk(history(c, "news:h", ",\"limit\":1000"));
            assertThat(offsets(all.path("publications"))).containsExactly(3L, 4L, 5L, 6L, 7L);
            assertThat(all.path("offset").asLong()).isEqualTo(SIZE + 2);
            String epoch = all.path("epoch").asText();
            JsonNode since = c.requestOk(history(c, "news:h", ",\"since\":" + position(4, epoch) + ",\"limit\":2"));
            assertThat(offsets(since.path("publications"))).containsExactly(5L, 6L);
            JsonNode newest = c.requestOk(history(c, "news:h", ",\"reverse\":true,\"limit\":2"));
            assertThat(offsets(newest.path("publications"))).containsExactly(7L, 6L);
            assertThat(c.request(history(c, "news:h", ",\"limit\":\"x\"")).path("error").asText())
                    .isEqualTo("bad_request");

            HttpResponse<String> http = server.api("GET", "/api/v1/channels/news:h/history?limit=2&since=4&epoch="
                    + epoch, API_KEY_B, null);
            assertThat(http.statusCode()).isEqualTo(200);
            assertThat(offsets(JSON.readTree(http.body()).path("publications"))).containsExactly(5L, 6L);
            JsonNode clamped = JSON.readTree(server.api("GET", "/api/v1/channels/news:h/history?limit=99",
                    API_KEY_B, null).body());
            assertThat(offsets(clamped.path("publications"))).hasSize(SIZE);
            assertThat(server.api("GET", "/api/v1/channels/news:h/history", null, null).statusCode()).isEqualTo(401);
            assertThat(server.api("GET", "/api/v1/channels/news:h/history?since=x&epoch=e", API_KEY_B, null)
                    .statusCode()).isEqualTo(400);
        }
    }

    @Test
    void historyElsewhereIsNotEnabled() throws Exception {
        server = TestServer.start(HistoryIT::withHistory);
        try (WsClient c = server.anonymous(APP_B)) {
            for (String op : new String[] {"history", "presence", "presence_stats"}) {
                JsonNode reply = c.request("{\"op\":\"" + op + "\",\"id\":" + c.nextId() + ",\"channel\":\"plain\"}");
                assertThat(reply.path("code").asInt()).as(op).isEqualTo(400);
                assertThat(reply.path("error").asText()).as(op).isEqualTo("not_enabled");
            }
            HttpResponse<String> http = server.api("GET", "/api/v1/channels/plain/history", API_KEY_B, null);
            assertThat(http.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(http.body()).path("error").asText()).isEqualTo("not_enabled");
            assertThat(JSON.readTree(server.api("GET", "/api/v1/channels/plain", API_KEY_B, null).body())
                    .path("subscribers").asInt()).isZero();
        }
    }

    private static String history(WsClient c, String channel, String extra) {
        return "{\"op\":\"history\",\"id\":" + c.nextId() + ",\"channel\":\"" + channel + "\"" + extra + "}";
    }

    static List<Long> offsets(JsonNode publications) {
        List<Long> out = new ArrayList<>();
        publications.forEach(p -> out.add(p.path("offset").asLong()));
        return out;
    }
}
