package io.qrpush.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qrpush.protocol.token.OtpClaims;
import io.qrpush.protocol.token.Otps;
import io.qrpush.server.Main;
import io.qrpush.server.config.DemoSettings;
import io.qrpush.server.config.LoginSettings;
import io.qrpush.server.http.HttpCall;
import io.qrpush.server.it.TestServer;
import io.qrpush.server.it.WsClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The demo's pages and endpoints on a real server with {@code demo.enabled} for app A. */
class DemoIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(c -> c.withDemo(new DemoSettings(true, false, TestServer.APP_A)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private HttpResponse<String> call(String method, String path, String origin, String body, String... headers)
            throws Exception {
        return call(server, method, path, origin, body, headers);
    }

    private HttpResponse<String> call(TestServer on, String method, String path, String origin, String body,
                                      String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(on.httpUri(path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (origin != null) {
            b.header("Origin", origin);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    @Test
    void pagesAreServedWithAStrictPolicy() throws Exception {
        for (String path : new String[] {"/demo/", "/demo/phone"}) {
            HttpResponse<String> r = call("GET", path, null, null);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
            assertThat(r.headers().firstValue("cache-control")).hasValue("no-cache");
            assertThat(r.headers().firstValue("x-frame-options")).hasValue("DENY");
            assertThat(r.headers().firstValue("content-security-policy")).hasValueSatisfying(csp ->
                    assertThat(csp).contains("script-src 'self'", "frame-ancestors 'none'", "connect-src 'self'"));
            assertThat(r.body()).contains("<script src=\"/client/qrpush.min.js\"");
        }
        assertThat(call("GET", "/demo/demo.css", null, null).headers().firstValue("content-type"))
                .hasValue("text/css; charset=utf-8");
        assertThat(call("GET", "/demo/nope.js", null, null).statusCode()).isEqualTo(404);
        HttpResponse<String> bare = call("GET", "/demo", null, null);
        assertThat(bare.statusCode()).isEqualTo(302);
        assertThat(bare.headers().firstValue("location")).hasValue("/demo/");
    }

    @Test
    void configNamesTheAppAndTheUsers() throws Exception {
        JsonNode c = json(call("GET", "/demo/api/config", null, null));
        assertThat(c.path("appkey").asText()).isEqualTo(TestServer.APP_A);
        assertThat(c.path("users").findValuesAsText("id")).containsExactly("alice", "bob", "carol");
    }

    @Test
    void otpIsMintedForADemoUserWithTheAppSecret() throws Exception {
        HttpResponse<String> r = call("POST", "/demo/api/otp", TestServer.ORIGIN_A, "{\"userId\":\"alice\"}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("cache-control")).hasValue("no-store");
        JsonNode body = json(r);
        assertThat(body.path("userId").asText()).isEqualTo("alice");
        assertThat(body.path("name").asText()).isEqualTo("Alice Martin");
        OtpClaims claims = Otps.verify(body.path("otp").asText(), TestServer.SECRET_A, Instant.now());
        assertThat(claims.sub()).isEqualTo("alice");
        assertThat(claims.name()).isEqualTo("Alice Martin");
        assertThat(claims.pub()).containsExactly("login:*");
    }

    @Test
    void otpRefusals() throws Exception {
        HttpResponse<String> foreign = call("POST", "/demo/api/otp", "https://evil.example", "{\"userId\":\"alice\"}");
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(json(foreign).path("error").asText()).isEqualTo("origin_not_allowed");
        assertThat(foreign.headers().firstValue("cache-control")).hasValue("no-store");
        assertThat(call("POST", "/demo/api/otp", null, "{\"userId\":\"mallory\"}").statusCode()).isEqualTo(400);
        assertThat(call("POST", "/demo/api/otp", null, "not json").statusCode()).isEqualTo(400);
        assertThat(call("GET", "/demo/api/otp", null, null).statusCode()).isIn(404, 405);
    }

    @Test
    void redeemVerifiesTheTicketOnceLikeTheServerApi() throws Exception {
        JsonNode session = json(server.api("POST", "/api/login/sessions", null, "{\"appkey\":\"app-a\"}"));
        String channel = session.path("channel").asText();
        try (WsClient pc = server.anonymous(TestServer.APP_A); WsClient phone = server.connect()) {
            pc.subscribe(channel, session.path("token").asText());
            String otp = json(call("POST", "/demo/api/otp", null, "{\"userId\":\"bob\"}")).path("otp").asText();
            phone.requestOk("{\"op\":\"authorize\",\"id\":1,\"appkey\":\"app-a\",\"userId\":\"bob\",\"otp\":\"" + otp + "\"}");
            assertThat(phone.publish(channel, "{\"action\":\"scan\"}").path("code").asInt()).isEqualTo(200);
            assertThat(phone.publish(channel, "{\"action\":\"confirm\"}").path("code").asInt()).isEqualTo(200);
            JsonNode confirmed = pc.next(f -> "confirmed".equals(f.path("content").path("event").asText()));
            String ticket = confirmed.path("content").path("ticket").asText();

            HttpResponse<String> r = call("POST", "/demo/api/redeem", TestServer.ORIGIN_A,
                    "{\"ticket\":\"" + ticket + "\"}");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("cache-control")).hasValue("no-store");
            JsonNode user = json(r);
            assertThat(user.path("userId").asText()).isEqualTo("bob");
            assertThat(user.path("name").asText()).isEqualTo("Bob Okafor");
            assertThat(user.path("key").asText()).isEqualTo(session.path("key").asText());

            HttpResponse<String> twice = call("POST", "/demo/api/redeem", null, "{\"ticket\":\"" + ticket + "\"}");
            assertThat(twice.statusCode()).isEqualTo(410);
            assertThat(json(twice).path("error").asText()).isEqualTo("gone");
        }
    }

    @Test
    void redeemRefusals() throws Exception {
        assertThat(call("POST", "/demo/api/redeem", null, "{\"ticket\":\"made-up\"}").statusCode()).isEqualTo(410);
        assertThat(call("POST", "/demo/api/redeem", null, "{}").statusCode()).isEqualTo(400);
        assertThat(call("POST", "/demo/api/redeem", "https://evil.example", "{\"ticket\":\"x\"}").statusCode())
                .isEqualTo(403);
    }

    /** Behind the nginx recipe of docs/cluster.md the peer is 127.0.0.1 for anyone on the internet. */
    @Test
    void demoCallsThroughAProxyAreRefused() throws Exception {
        String[][] proxied = {{"X-Forwarded-For", "203.0.113.7"}, {"Forwarded", "for=203.0.113.7"},
            {"X-Real-IP", "203.0.113.7"}, {"Via", "1.1 nginx"}, {"X-Forwarded-Proto", "https"}};
        for (String[] h : proxied) {
            HttpResponse<String> otp = call("POST", "/demo/api/otp", null, "{\"userId\":\"alice\"}", h);
            assertThat(otp.statusCode()).as(h[0]).isEqualTo(403);
            assertThat(json(otp).path("error").asText()).isEqualTo("forbidden");
            assertThat(json(otp).path("message").asText()).contains("demo.allowNonLoopback");
            assertThat(otp.body()).doesNotContain("\"otp\"");
            assertThat(call("POST", "/demo/api/redeem", null, "{\"ticket\":\"x.y\"}", h).statusCode()).isEqualTo(403);
            assertThat(call("GET", "/demo/api/config", null, null, h).statusCode()).isEqualTo(403);
        }
        assertThat(call("POST", "/demo/api/otp", null, "{\"userId\":\"alice\"}").statusCode())
                .as("straight from 127.0.0.1").isEqualTo(200);
    }

    @Test
    void allowNonLoopbackServesProxiedCallsOnPurpose() throws Exception {
        try (TestServer open = TestServer.start(c -> c.withDemo(new DemoSettings(true, true, TestServer.APP_A)))) {
            assertThat(call(open, "POST", "/demo/api/otp", null, "{\"userId\":\"alice\"}", "X-Forwarded-For",
                    "203.0.113.7").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void onlyLoopbackPeersWithoutForwardingHeadersAreThisMachine() {
        for (String local : new String[] {"127.0.0.1", "127.8.9.10", "::1", "0:0:0:0:0:0:0:1", "::ffff:127.0.0.1"}) {
            assertThat(DemoRoutes.fromThisMachine(peer(local, Map.of()))).as(local).isTrue();
        }
        for (String remote : new String[] {"192.0.2.1", "::2", "::ffff:192.0.2.1", "unknown", "", "1::1"}) {
            assertThat(DemoRoutes.fromThisMachine(peer(remote, Map.of()))).as(remote).isFalse();
        }
        assertThat(DemoRoutes.fromThisMachine(peer("127.0.0.1", Map.of("x-forwarded-for", "127.0.0.1")))).isFalse();
        assertThat(DemoRoutes.fromThisMachine(peer("127.0.0.1", Map.of("forwarded", "for=unknown")))).isFalse();
    }

    private static HttpCall peer(String address, Map<String, String> headers) {
        return new HttpCall("POST", "/demo/api/otp", Map.of(), headers, new byte[0], address);
    }

    @Test
    void failedDemoRedemptionsAreBudgeted() throws Exception {
        try (TestServer tight = TestServer.start(c -> c.withDemo(new DemoSettings(true, false, TestServer.APP_A))
                .withLogin(LoginSettings.defaults().withLookupBudgets(60, 2)))) {
            for (int i = 0; i < 2; i++) {
                assertThat(call(tight, "POST", "/demo/api/redeem", null, "{\"ticket\":\"k.guess" + i + "\"}")
                        .statusCode()).isEqualTo(410);
            }
            HttpResponse<String> spent = call(tight, "POST", "/demo/api/redeem", null, "{\"ticket\":\"k.guess\"}");
            assertThat(spent.statusCode()).isEqualTo(429);
            assertThat(spent.headers().firstValue("Retry-After")).isPresent();
        }
    }

    @Test
    void theStartUpWarningNamesTheAppTheDemoPointsAt() {
        var config = TestServer.config().withDemo(new DemoSettings(true, false, TestServer.APP_B));
        assertThat(DemoSettings.warnings(config)).singleElement().asString()
                .contains("app '" + TestServer.APP_B + "'", "only this machine", "Never point the demo at a real app");
        assertThat(DemoSettings.warnings(config.withDemo(new DemoSettings(true, true, TestServer.APP_A))))
                .singleElement().asString().contains("ANY client");
        assertThat(DemoSettings.warnings(TestServer.config())).isEmpty();
    }

    @Test
    void theServerRefusesToStartWithTheDemoOnANonLoopbackHost(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("qrpush.yaml");
        Files.writeString(config, """
                server: {host: 0.0.0.0, port: 0}
                demo: {enabled: true}
                apps:
                  - appkey: demo
                    secret: 0123456789abcdef0123
                    apiKey: fedcba9876543210fedc
                """);
        PrintStream before = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            exit = new CommandLine(new Main()).execute("--config", config.toString());
        } finally {
            System.setErr(before);
        }
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("demo.allowNonLoopback:", "'0.0.0.0'");
    }

    @Test
    void theClientIsStillServed() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.httpUri("/client/qrpush.min.js")
                .toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
    }
}
