package io.qrpush.server.it;

import static io.qrpush.server.it.LoginFixture.act;
import static io.qrpush.server.it.LoginFixture.body;
import static io.qrpush.server.it.TestServer.API_KEY_A;
import static io.qrpush.server.it.TestServer.APP_A;
import static io.qrpush.server.it.TestServer.APP_B;
import static org.assertj.core.api.Assertions.assertThat;

import io.qrpush.server.config.LoginSettings;
import io.qrpush.server.config.ServerSettings;
import io.qrpush.server.it.LoginFixture.Created;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What one client address may spend on the public login calls, through the real server with the
 * forwarding headers a trusted proxy (127.0.0.0/8: the test itself) writes.
 */
class LoginBudgetsIT {
    private static final String XFF = "X-Forwarded-For";
    private TestServer server;
    private LoginFixture login;

    private void start(UnaryOperator<LoginSettings> budgets) throws Exception {
        start(budgets, ServerSettings.X_FORWARDED_FOR);
    }

    private void start(UnaryOperator<LoginSettings> budgets, String forwardedHeader) throws Exception {
        // Admission control off: on a machine busy with other builds it refuses creations with 503
        // "busy", which is not what these tests are about.
        server = TestServer.start(c -> c.withLogin(budgets.apply(LoginSettings.defaults().withMaxLoopLag(Duration.ZERO)))
                .withServer(c.server().withTrustedProxies(List.of("127.0.0.0/8")).withForwardedHeader(forwardedHeader)));
        login = new LoginFixture(server);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void refusedCreationsSpendNoBudget() throws Exception {
        start(l -> l.withCreatePerMinute(3));
        for (int i = 0; i < 10; i++) {
            assertThat(login.post(APP_A, XFF, "203.0.113.7", "Origin", "https://evil.example").statusCode())
                    .as("a cross-site page's POST").isEqualTo(403);
            assertThat(login.http("POST", "/api/login/sessions", "{\"appkey\":\"nope\"}", XFF, "203.0.113.7")
                    .statusCode()).isEqualTo(404);
            assertThat(login.http("POST", "/api/login/sessions", "not json", XFF, "203.0.113.7").statusCode())
                    .isEqualTo(400);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(login.post(APP_A, XFF, "203.0.113.7").statusCode()).as("the office's own logins").isEqualTo(201);
        }
        assertThat(login.post(APP_A, XFF, "203.0.113.7").statusCode()).isEqualTo(429);
    }

    @Test
    void portsAndMappedAddressesAreTheClientNotTheProxy() throws Exception {
        start(l -> l.withCreatePerMinute(2));
        assertThat(login.post(APP_A, XFF, "203.0.113.7:1111").statusCode()).isEqualTo(201);
        assertThat(login.post(APP_A, XFF, "[::ffff:203.0.113.7]:2222").statusCode()).isEqualTo(201);
        HttpResponse<String> third = login.post(APP_A, XFF, "::ffff:cb00:7107");
        assertThat(third.statusCode()).as("one client however it is written").isEqualTo(429);
        assertThat(body(third).path("error").asText()).isEqualTo("rate_limited");
        assertThat(login.post(APP_A).statusCode()).as("the proxy's own budget is untouched").isEqualTo(201);
        HttpResponse<String> other = login.post(APP_A, XFF, "203.0.113.8:4711");
        assertThat(other.statusCode()).isEqualTo(201);
        try (WsClient phone = login.phone(APP_A, "u1")) {
            assertThat(act(phone, Created.of(body(other)), "scan").path("client").path("ip").asText())
                    .as("the phone is shown the client, without its port").isEqualTo("203.0.113.8");
        }
    }

    @Test
    void aProxysOwnLineAfterTheClientsIsTheOneBelieved() throws Exception {
        start(l -> l);
        // The client sent its own header; a proxy that adds a line of its own (HAProxy does) leaves it first.
        HttpResponse<String> r = login.post(APP_A, XFF, "6.6.6.6", XFF, "203.0.113.9");
        assertThat(r.statusCode()).isEqualTo(201);
        try (WsClient phone = login.phone(APP_A, "u1")) {
            assertThat(act(phone, Created.of(body(r)), "scan").path("client").path("ip").asText())
                    .isEqualTo("203.0.113.9");
        }
    }

    @Test
    void ipv6ClientsShareABudgetPerSlash64() throws Exception {
        start(l -> l.withCreatePerMinute(1));
        assertThat(login.post(APP_A, XFF, "[2001:db8:1:2::1]:80").statusCode()).isEqualTo(201);
        assertThat(login.post(APP_A, XFF, "2001:db8:1:2:ffff::9").statusCode()).as("same /64").isEqualTo(429);
        assertThat(login.post(APP_A, XFF, "2001:db8:1:3::1").statusCode()).as("next /64").isEqualTo(201);
    }

    @Test
    void proxiesWritingForwardedAreReadThere() throws Exception {
        start(l -> l.withCreatePerMinute(1), ServerSettings.FORWARDED);
        assertThat(login.post(APP_A, "Forwarded", "for=\"[2001:db8:1:2::1]:4711\";proto=https").statusCode())
                .isEqualTo(201);
        assertThat(login.post(APP_A, "Forwarded", "for=6.6.6.6, for=\"[2001:db8:1:2::2]\"", XFF, "198.51.100.9")
                .statusCode()).as("same /64; X-Forwarded-For is the client's own word here").isEqualTo(429);
        HttpResponse<String> unknown = login.post(APP_A, "Forwarded", "for=unknown");
        assertThat(unknown.statusCode()).as("unknown is charged to the proxy, whose budget is fresh").isEqualTo(201);
        assertThat(login.post(APP_A, "Forwarded", "for=_hidden").statusCode()).as("and spent").isEqualTo(429);
    }

    @Test
    void unknownKeysAreBudgetedPerAddress() throws Exception {
        start(l -> l.withLookupBudgets(3, 600));
        Created mine = login.create(APP_A);
        for (int i = 0; i < 3; i++) {
            assertThat(login.bytes("/api/login/sessions/AAAAAAAAAAAAAAAAAAAAA" + i + "/qr.png", XFF, "198.51.100.1")
                    .statusCode()).isEqualTo(404);
        }
        HttpResponse<byte[]> spent = login.bytes("/api/login/sessions/AAAAAAAAAAAAAAAAAAAAAZ/qr.svg", XFF,
                "198.51.100.1");
        assertThat(spent.statusCode()).isEqualTo(429);
        assertThat(new String(spent.body())).contains("\"error\":\"rate_limited\"");
        assertThat(Long.parseLong(spent.headers().firstValue("Retry-After").orElseThrow())).isPositive();
        assertThat(login.http("DELETE", "/api/login/sessions/" + mine.key(), null, XFF, "198.51.100.1",
                "Authorization", "Bearer " + mine.token()).statusCode()).as("DELETE looks keys up too").isEqualTo(429);
        assertThat(login.bytes(mine.qrPng(), XFF, "198.51.100.2").statusCode()).as("another address")
                .isEqualTo(200);
        assertThat(login.bytes(mine.qrPng(), XFF, "198.51.100.2").statusCode()).as("existing keys cost nothing")
                .isEqualTo(200);
    }

    @Test
    void failedRedemptionsAreBudgetedPerAddress() throws Exception {
        start(l -> l.withLookupBudgets(60, 2));
        Created s = login.create(APP_A);
        String ticket = login.confirmedTicket(APP_A, s, "u1");
        assertThat(verifyFrom("198.51.100.1", "nonsense").statusCode()).isEqualTo(410);
        assertThat(verifyFrom("198.51.100.1", s.key() + ".guessed").statusCode()).isEqualTo(410);
        HttpResponse<String> spent = verifyFrom("198.51.100.1", ticket);
        assertThat(spent.statusCode()).as("even a good ticket waits").isEqualTo(429);
        assertThat(body(spent).path("error").asText()).isEqualTo("rate_limited");
        assertThat(spent.headers().firstValue("Retry-After")).isPresent();
        assertThat(verifyFrom("198.51.100.2", ticket).statusCode()).as("the backend's own address").isEqualTo(200);
    }

    @Test
    void liveSessionsOfAnAppAreCappedPerNode() throws Exception {
        start(l -> l.withMaxLiveSessions(2));
        Created first = login.create(APP_A);
        login.create(APP_A);
        HttpResponse<String> full = login.post(APP_A, XFF, "198.51.100.3");
        assertThat(full.statusCode()).isEqualTo(503);
        assertThat(body(full).path("error").asText()).isEqualTo("unavailable");
        assertThat(body(full).path("message").asText()).contains("login.maxLiveSessions");
        assertThat(full.headers().firstValue("Retry-After")).isPresent();
        assertThat(login.create(APP_B).key()).as("another app has its own").isNotEmpty();
        assertThat(login.delete(first, first.token(), TestServer.ORIGIN_A).statusCode()).isEqualTo(200);
        assertThat(login.post(APP_A).statusCode()).as("an ended session frees its place").isEqualTo(201);
    }

    private HttpResponse<String> verifyFrom(String address, String ticket) throws Exception {
        return login.http("POST", "/api/v1/tickets/verify", "{\"ticket\":\"" + ticket + "\"}", "Content-Type",
                "application/json", "Authorization", "Bearer " + API_KEY_A, XFF, address);
    }
}
