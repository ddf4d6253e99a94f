package io.qrpush.server.it;

import static io.qrpush.server.it.TestServer.APP_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qrpush.server.config.AdminSettings;
import io.qrpush.server.config.BrokerSettings;
import io.qrpush.server.config.NamespaceSettings;
import io.qrpush.server.config.Namespaces;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The admin page's HTTP side (docs/operations.md, "The admin page"): off without a token, the
 * session cookie and its flags, one 401 for every way of not being signed in, CSRF checks, the
 * stats, the channel lookup, the disconnect action, the sign-in rate limit (last: it spends
 * 127.0.0.1's budget), and the node list of two nodes on Redis.
 */
@Tag(TestServer.SINGLE_NODE)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminIT {
    static final String TOKEN = "admin-token-0123456789abcdefghijklmnop";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TestServer on;
    private static final List<AutoCloseable> open = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        on = TestServer.start(c -> c.withAdmin(new AdminSettings(TOKEN)).withNamespaces(new Namespaces(List.of(
                new NamespaceSettings("kept", 20, Duration.ofSeconds(300), true, false)))));
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        on.close();
    }

    private static <T extends AutoCloseable> T track(T c) {
        open.add(c);
        return c;
    }

    static HttpResponse<String> call(TestServer s, String method, String path, String cookie, String contentType,
                                     String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(s.httpUri(path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> signIn(TestServer s, String token) throws Exception {
        return call(s, "POST", "/admin/api/signin", null, "application/json", "{\"token\":\"" + token + "\"}");
    }

    /** Signs in and returns the {@code name=value} to send back. */
    static String cookie(TestServer s) throws Exception {
        HttpResponse<String> r = signIn(s, TOKEN);
        assertThat(r.statusCode()).isEqualTo(200);
        return r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }

    @Test
    @Order(1)
    void offWithoutATokenEveryAdminPathIs404() throws Exception {
        try (TestServer off = TestServer.start()) {
            for (String path : List.of("/admin", "/admin/", "/admin/index.html", "/admin/admin.js", "/admin/api/stats",
                    "/admin/api/channel?app=app-a&channel=x")) {
                HttpResponse<String> r = call(off, "GET", path, null, null, null);
                assertThat(r.statusCode()).as(path).isEqualTo(404);
                assertThat(r.body()).as(path).contains("\"error\":\"not_found\"");
            }
            for (String path : List.of("/admin/api/signin", "/admin/api/disconnect", "/admin/api/signout")) {
                assertThat(call(off, "POST", path, null, "application/json", "{\"token\":\"" + TOKEN + "\"}").statusCode())
                        .as(path).isEqualTo(404);
            }
        }
    }

    @Test
    @Order(2)
    void withoutALiveSessionEveryDataCallIsTheSame401() throws Exception {
        HttpResponse<String> none = call(on, "GET", "/admin/api/stats", null, null, null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(none.body()).contains("\"error\":\"unauthorized\"").doesNotContain("samples").doesNotContain("nodes");
        HttpResponse<String> madeUp = call(on, "GET", "/admin/api/stats", "qrpush_admin=" + TOKEN, null, null);
        HttpResponse<String> wrongToken = signIn(on, TOKEN + "x");
        HttpResponse<String> lookup = call(on, "GET", "/admin/api/channel?app=app-a&channel=x", null, null, null);
        HttpResponse<String> kick = call(on, "POST", "/admin/api/disconnect", null, "application/json",
                "{\"app\":\"app-a\",\"userId\":\"u1\"}");
        for (HttpResponse<String> r : List.of(madeUp, wrongToken, lookup, kick)) {
            assertThat(r.statusCode()).as(r.uri().toString()).isEqualTo(401);
            assertThat(r.body()).as(r.uri().toString()).isEqualTo(none.body());
        }
        assertThat(wrongToken.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    @Order(3)
    void signInSetsAStrictHttpOnlyCookieHoldingASessionIdNotTheToken() throws Exception {
        HttpResponse<String> r = signIn(on, TOKEN);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        String set = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(set).startsWith("qrpush_admin=").contains("; HttpOnly").contains("; SameSite=Strict")
                .contains("; Path=/admin/").doesNotContain(TOKEN)
                .as("no TLS on this node, so no Secure flag (TlsIT-style nodes get it)").doesNotContain("Secure");
        String id = set.split(";")[0].substring("qrpush_admin=".length());
        assertThat(id).hasSizeGreaterThanOrEqualTo(40);
        assertThat(cookie(on)).as("each sign-in gets a fresh id").isNotEqualTo("qrpush_admin=" + id);
        HttpResponse<String> page = call(on, "GET", "/admin/api/stats", "qrpush_admin=" + id, null, null);
        assertThat(page.statusCode()).isEqualTo(200);
    }

    @Test
    @Order(4)
    void postsMustBeJsonSoNoCrossSiteFormCanSendThem() throws Exception {
        String form = "application/x-www-form-urlencoded";
        assertThat(call(on, "POST", "/admin/api/signin", null, form, "token=" + TOKEN).statusCode()).isEqualTo(415);
        assertThat(call(on, "POST", "/admin/api/disconnect", cookie(on), "text/plain",
                "{\"app\":\"app-a\",\"userId\":\"u1\"}").statusCode()).isEqualTo(415);
    }

    @Test
    @Order(5)
    void statsShowThisNodesFiguresAndItselfAsANode() throws Exception {
        String cookie = cookie(on);
        WsClient sub = track(on.anonymous(APP_A));
        sub.subscribe("admin-stats", null);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode s = JSON.readTree(call(on, "GET", "/admin/api/stats", cookie, null, null).body());
            JsonNode samples = s.get("samples");
            assertThat(samples.get("t").size()).isPositive();
            assertThat(samples.get("subscriptions").get(samples.get("t").size() - 1).asInt()).isGreaterThanOrEqualTo(1);
            assertThat(s.get("nodes").size()).isEqualTo(1);
            assertThat(s.get("nodes").get(0).get("node").asText()).isEqualTo(s.get("node").asText());
        });
        JsonNode all = JSON.readTree(call(on, "GET", "/admin/api/stats", cookie, null, null).body());
        long last = all.get("samples").get("t").get(all.get("samples").get("t").size() - 1).asLong();
        JsonNode after = JSON.readTree(call(on, "GET", "/admin/api/stats?since=" + last, cookie, null, null).body());
        assertThat(after.get("samples").get("t").size()).as("since leaves out what the page holds")
                .isLessThan(all.get("samples").get("t").size());
        assertThat(call(on, "GET", "/admin/api/stats?since=soon", cookie, null, null).statusCode()).isEqualTo(400);
    }

    @Test
    @Order(6)
    void channelLookupAnswersSubscribers() throws Exception {
        String cookie = cookie(on);
        track(on.anonymous(APP_A)).subscribe("admin-room", null);
        track(on.anonymous(APP_A)).subscribe("admin-room", null);
        String path = "/admin/api/channel?app=app-a&channel=admin-room";
        JsonNode r = JSON.readTree(call(on, "GET", path, cookie, null, null).body());
        assertThat(r.get("subscribers").asLong()).isEqualTo(2);
        assertThat(r.get("historyEnabled").asBoolean()).isFalse();
        assertThat(call(on, "GET", "/admin/api/channel?app=nope&channel=x", cookie, null, null).statusCode()).isEqualTo(404);
        assertThat(call(on, "GET", "/admin/api/channel?app=app-a&channel=a%20b", cookie, null, null).statusCode())
                .isEqualTo(400);
    }

    @Test
    @Order(6)
    void channelLookupShowsPresenceAndTheLastPublicationsNewestFirst() throws Exception {
        track(on.user(APP_A, "admin-u3")).subscribe("kept:room", null);
        for (int n = 1; n <= 12; n++) {
            assertThat(on.api("POST", "/api/v1/publish", TestServer.API_KEY_A,
                    "{\"channel\":\"kept:room\",\"content\":{\"n\":" + n + "}}").statusCode()).isEqualTo(200);
        }
        String path = "/admin/api/channel?app=app-a&channel=kept:room";
        JsonNode r = JSON.readTree(call(on, "GET", path, cookie(on), null, null).body());
        assertThat(r.get("presence").get("clients").get(0).get("userId").asText()).isEqualTo("admin-u3");
        JsonNode publications = r.get("history").get("publications");
        assertThat(publications).as("the last 10").hasSize(10);
        assertThat(publications.get(0).get("content").get("n").asInt()).isEqualTo(12);
        assertThat(publications.get(9).get("content").get("n").asInt()).isEqualTo(3);
    }

    @Test
    @Order(7)
    void disconnectClosesTheUsersConnectionsWith4011() throws Exception {
        WsClient target = track(on.user(APP_A, "admin-u1"));
        WsClient bystander = track(on.user(APP_A, "admin-u2"));
        String body = "{\"app\":\"app-a\",\"userId\":\"admin-u1\"}";
        HttpResponse<String> r = call(on, "POST", "/admin/api/disconnect", cookie(on), "application/json", body);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).get("disconnected").asInt()).isEqualTo(1);
        assertThat(target.awaitClose()).isEqualTo(4011);
        assertThat(bystander.isClosed()).isFalse();
        assertThat(call(on, "POST", "/admin/api/disconnect", cookie(on), "application/json", "{\"app\":\"app-a\"}")
                .statusCode()).isEqualTo(400);
    }

    @Test
    @Order(8)
    void signOutEndsTheSession() throws Exception {
        String cookie = cookie(on);
        HttpResponse<String> out = call(on, "POST", "/admin/api/signout", cookie, "application/json", "{}");
        assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
        assertThat(call(on, "GET", "/admin/api/stats", cookie, null, null).statusCode()).isEqualTo(401);
    }

    @Test
    @Order(9)
    void signInAttemptsAreRateLimitedPerAddress() throws Exception {
        int status = 0;
        for (int i = 0; i < 20 && status != 429; i++) {
            status = signIn(on, "wrong-" + i).statusCode();
        }
        assertThat(status).isEqualTo(429);
        HttpResponse<String> r = signIn(on, TOKEN);
        assertThat(r.statusCode()).as("even the right token waits").isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    @Order(10)
    void onRedisEveryNodeListsTheOthers() throws Exception {
        String redis = SharedRedis.freshUri();
        try (TestServer a = TestServer.start(c -> c.withAdmin(new AdminSettings(TOKEN))
                .withBroker(new BrokerSettings("redis", redis)));
             TestServer b = TestServer.start(c -> c.withAdmin(new AdminSettings(TOKEN))
                     .withBroker(new BrokerSettings("redis", redis)))) {
            for (TestServer node : List.of(a, b)) {
                String cookie = cookie(node);
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    JsonNode s = JSON.readTree(call(node, "GET", "/admin/api/stats", cookie, null, null).body());
                    assertThat(s.get("nodes").size()).isEqualTo(2);
                });
            }
        }
    }
}
