package io.qrpush.server.it;

import static io.qrpush.server.it.SubscribeIT.framesBeforePong;
import static io.qrpush.server.it.SubscribeIT.messages;
import static io.qrpush.server.it.TestServer.API_KEY_A;
import static io.qrpush.server.it.TestServer.API_KEY_B;
import static io.qrpush.server.it.TestServer.APP_A;
import static io.qrpush.server.it.TestServer.APP_B;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/protocol.md section 5: the HTTP server API for an app's backend, and /healthz. */
class ServerApiIT extends DefaultServerIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonNode json(HttpResponse<String> res) throws Exception {
        assertThat(res.headers().firstValue("content-type").orElse("")).startsWith("application/json");
        return JSON.readTree(res.body());
    }

    private static void assertError(HttpResponse<String> res, int status, String word) throws Exception {
        assertThat(res.statusCode()).as(res.body()).isEqualTo(status);
        assertThat(json(res).path("error").asText()).isEqualTo(word);
    }

    @Test
    void publishDeliversAndDedupesByGuid() throws Exception {
        try (WsClient sub = server.anonymous(APP_A)) {
            sub.subscribe("orders", null);
            JsonNode r = json(server.api("POST", "/api/v1/publish", API_KEY_A,
                    "{\"channel\":\"orders\",\"content\":{\"id\":7},\"guid\":\"o-7\"}"));
            assertThat(r.path("guid").asText()).isEqualTo("o-7");
            assertThat(r.path("delivered").asInt()).isEqualTo(1);
            JsonNode again = json(server.api("POST", "/api/v1/publish", API_KEY_A,
                    "{\"channel\":\"orders\",\"content\":{\"id\":7},\"guid\":\"o-7\"}"));
            assertThat(again.path("duplicate").asBoolean()).isTrue();
            JsonNode m = sub.next("message");
            assertThat(m.path("guid").asText()).isEqualTo("o-7");
            assertThat(m.has("from")).isFalse();
            assertThat(messages(framesBeforePong(sub))).isZero();
            assertThat(json(server.api("POST", "/api/v1/publish", API_KEY_A,
                    "{\"channel\":\"orders\",\"content\":null}")).path("guid").asText()).isNotBlank();
            assertThat(sub.next("message").path("content").isNull()).isTrue();
        }
    }

    @Test
    void broadcastPublishesToEveryChannel() throws Exception {
        try (WsClient a = server.anonymous(APP_A); WsClient b = server.anonymous(APP_A)) {
            a.subscribe("ch1", null);
            b.subscribe("ch2", null);
            b.subscribe("ch3", null);
            JsonNode r = json(server.api("POST", "/api/v1/broadcast", API_KEY_A,
                    "{\"channels\":[\"ch1\",\"ch2\",\"nobody\"],\"content\":\"hi\"}"));
            JsonNode results = r.path("results");
            assertThat(results).hasSize(3);
            assertThat(results.get(0).path("channel").asText()).isEqualTo("ch1");
            assertThat(results.get(0).path("delivered").asInt()).isEqualTo(1);
            assertThat(results.get(1).path("channel").asText()).isEqualTo("ch2");
            assertThat(results.get(2).path("delivered").asInt()).isZero();
            assertThat(results.get(0).path("guid").asText()).isNotEqualTo(results.get(1).path("guid").asText());
            assertThat(a.next("message").path("content").asText()).isEqualTo("hi");
            assertThat(b.next("message").path("channel").asText()).isEqualTo("ch2");

            assertError(server.api("POST", "/api/v1/broadcast", API_KEY_A,
                    "{\"channels\":[\"ch1\",\"bad channel\"],\"content\":1}"), 400, "bad_channel");
            assertError(server.api("POST", "/api/v1/broadcast", API_KEY_A,
                    "{\"channels\":[\"ch1\",\"login:abc\"],\"content\":1}"), 403, "forbidden");
            assertError(server.api("POST", "/api/v1/broadcast", API_KEY_A,
                    "{\"channels\":[],\"content\":1}"), 400, "bad_request");
            assertThat(messages(framesBeforePong(a))).as("a refused broadcast publishes nothing").isZero();
        }
    }

    /** A broadcast whose answer was lost is retried with its guid: no channel gets it twice. */
    @Test
    void aRetriedBroadcastWithAGuidIsDeliveredOncePerChannel() throws Exception {
        try (WsClient a = server.anonymous(APP_A)) {
            a.subscribe("ch1", null);
            a.subscribe("ch2", null);
            String body = "{\"channels\":[\"ch1\",\"ch2\"],\"content\":\"once\",\"guid\":\"b-1\"}";
            JsonNode first = json(server.api("POST", "/api/v1/broadcast", API_KEY_A, body));
            JsonNode retry = json(server.api("POST", "/api/v1/broadcast", API_KEY_A, body));
            assertThat(first.path("results").get(0).path("guid").asText()).isEqualTo("b-1");
            assertThat(first.path("results").get(1).has("duplicate")).isFalse();
            assertThat(retry.path("results").get(0).path("duplicate").asBoolean()).isTrue();
            assertThat(retry.path("results").get(1).path("duplicate").asBoolean()).isTrue();
            // The API's answer can overtake the deliveries it queued on the subscriber's event loop,
            // which may read a ping before running them: wait for the two, then see nothing follows.
            assertThat(List.of(a.next("message").path("channel").asText(), a.next("message").path("channel").asText()))
                    .containsExactlyInAnyOrder("ch1", "ch2");
            assertThat(messages(framesBeforePong(a))).as("one copy per channel").isZero();
        }
    }

    @Test
    void channelInfoCountsSubscribersOfThatAppOnly() throws Exception {
        assertThat(json(server.api("GET", "/api/v1/channels/room", API_KEY_A, null)).path("subscribers").asInt())
                .isZero();
        try (WsClient a1 = server.anonymous(APP_A); WsClient a2 = server.anonymous(APP_A);
             WsClient b1 = server.anonymous(APP_B)) {
            a1.subscribe("room", null);
            a2.subscribe("room", null);
            b1.subscribe("room", null);
            JsonNode r = json(server.api("GET", "/api/v1/channels/room", API_KEY_A, null));
            assertThat(r.path("channel").asText()).isEqualTo("room");
            assertThat(r.path("subscribers").asInt()).isEqualTo(2);
            assertThat(json(server.api("GET", "/api/v1/channels/room", API_KEY_B, null)).path("subscribers").asInt())
                    .isEqualTo(1);
            a2.requestOk("{\"op\":\"unsubscribe\",\"id\":5,\"channel\":\"room\"}");
            assertThat(json(server.api("GET", "/api/v1/channels/room", API_KEY_A, null)).path("subscribers").asInt())
                    .isEqualTo(1);
            assertThat(json(server.api("GET", "/api/v1/channels/user@x.com:a=b", API_KEY_A, null))
                    .path("channel").asText()).isEqualTo("user@x.com:a=b");
        }
        for (String bad : new String[] {"a%20b", "%25zz", "a%2Fb", "x".repeat(129), "%C3%BC"}) {
            assertError(server.api("GET", "/api/v1/channels/" + bad, API_KEY_A, null), 400, "bad_channel");
        }
    }

    @Test
    void disconnectKicksThatUsersConnectionsOnly() throws Exception {
        try (WsClient u1a = server.user(APP_A, "u1"); WsClient u1b = server.user(APP_A, "u1");
             WsClient u2 = server.user(APP_A, "u2"); WsClient anon = server.anonymous(APP_A);
             WsClient u1OfB = server.user(APP_B, "u1")) {
            JsonNode r = json(server.api("POST", "/api/v1/disconnect", API_KEY_A, "{\"userId\":\"u1\"}"));
            assertThat(r.path("disconnected").asInt()).isEqualTo(2);
            for (WsClient kicked : new WsClient[] {u1a, u1b}) {
                JsonNode d = kicked.next("disconnect");
                assertThat(d.path("code").asInt()).isEqualTo(4011);
                assertThat(d.path("reconnect").asBoolean(true)).isFalse();
                assertThat(kicked.awaitClose()).isEqualTo(4011);
            }
            for (WsClient untouched : new WsClient[] {u2, anon, u1OfB}) {
                untouched.send("{\"op\":\"ping\"}");
                untouched.next("pong");
                assertThat(untouched.isClosed()).isFalse();
            }
            assertThat(json(server.api("POST", "/api/v1/disconnect", API_KEY_A, "{\"userId\":\"nobody\"}"))
                    .path("disconnected").asInt()).isZero();
            assertError(server.api("POST", "/api/v1/disconnect", API_KEY_A, "{}"), 400, "bad_request");
        }
    }

    @Test
    void aWrongOrMissingApiKeyIsABare401() throws Exception {
        String[][] calls = {
            {"POST", "/api/v1/publish", "{\"channel\":\"news\",\"content\":1}"},
            {"POST", "/api/v1/broadcast", "{\"channels\":[\"news\"],\"content\":1}"},
            {"GET", "/api/v1/channels/news", null},
            {"POST", "/api/v1/disconnect", "{\"userId\":\"u1\"}"},
        };
        String expected = null;
        for (String[] call : calls) {
            for (String key : new String[] {null, "wrong", API_KEY_A + "x", API_KEY_A.substring(1), "",
                TestServer.SECRET_A}) {
                HttpResponse<String> res = server.api(call[0], call[1], key, call[2]);
                assertError(res, 401, "unauthorized");
                JsonNode body = json(res);
                assertThat(body.size()).as("error and message only: %s", res.body()).isEqualTo(2);
                expected = expected == null ? res.body() : expected;
                assertThat(res.body()).as("every refusal reads the same").isEqualTo(expected);
            }
        }
        for (String header : new String[] {"Basic " + API_KEY_A, "bearer" + API_KEY_A, API_KEY_A}) {
            var req = java.net.http.HttpRequest.newBuilder(server.httpUri("/api/v1/channels/news"))
                    .header("Authorization", header).build();
            var res = java.net.http.HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
            assertThat(res.statusCode()).as(header).isEqualTo(401);
            assertThat(res.body()).isEqualTo(expected);
        }
    }

    @Test
    void badBodiesAre400WithAJsonBody() throws Exception {
        String[][] bad = {
            {"{not json", "bad_request"}, {"[1,2]", "bad_request"}, {"", "bad_request"}, {"\"text\"", "bad_request"},
            {"{\"channel\":\"news\"}", "bad_request"}, {"{\"channel\":\"bad channel\",\"content\":1}", "bad_channel"},
            {"{\"channel\":\"\",\"content\":1}", "bad_channel"}, {"{\"content\":1}", "bad_channel"},
            {"{\"channel\":7,\"content\":1}", "bad_channel"}, {"{\"channel\":\"news\",\"content\":1,\"guid\":5}",
                "bad_request"},
        };
        for (String[] b : bad) {
            HttpResponse<String> res = server.api("POST", "/api/v1/publish", API_KEY_A, b[0]);
            assertError(res, 400, b[1]);
            assertThat(json(res).path("message").asText()).as(b[0]).isNotBlank();
        }
        assertError(server.api("POST", "/api/v1/publish", API_KEY_A,
                "{\"channel\":\"news\",\"content\":\"" + "x".repeat(40_000) + "\"}"), 413, "too_large");
    }

    @Test
    void nobodyPublishesToLoginChannelsNotEvenTheBackend() throws Exception {
        assertError(server.api("POST", "/api/v1/publish", API_KEY_A,
                "{\"channel\":\"login:k123\",\"content\":{\"event\":\"confirmed\"}}"), 403, "forbidden");
    }

    @Test
    void unknownPathsAre404AndHealthIs200() throws Exception {
        for (String path : new String[] {"/nope", "/api/v1/nope", "/api/v1/channels/", "/api/v2/publish"}) {
            assertError(server.api("GET", path, API_KEY_A, null), 404, "not_found");
        }
        assertThat(server.api("GET", "/api/v1/publish", API_KEY_A, null).statusCode()).isEqualTo(405);
        HttpResponse<String> health = server.api("GET", "/healthz", null, null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health).path("status").asText()).isEqualTo("ok");
    }

    /** A body announced over the 1 MiB limit is refused at its headers, with JSON like every refusal. */
    @Test
    void anOversizedBodyIsAJson413() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /api/v1/publish HTTP/1.1\r\nHost: x\r\n"
                    + "Authorization: Bearer " + API_KEY_A + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 2000000\r\n\r\n{").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 413").contains("application/json")
                    .contains("{\"error\":\"too_large\"");
        }
    }
}
