package io.qrpush.server.it;

import static io.qrpush.server.it.LoginFixture.act;
import static io.qrpush.server.it.LoginFixture.body;
import static io.qrpush.server.it.LoginFixture.nextEvent;
import static io.qrpush.server.it.TestServer.APP_A;
import static io.qrpush.server.it.TestServer.API_KEY_A;
import static io.qrpush.server.it.TestServer.ORIGIN_A;
import static io.qrpush.server.it.TestServer.ORIGIN_B;
import static org.assertj.core.api.Assertions.assertThat;

import io.qrpush.server.config.ServerSettings;
import io.qrpush.server.it.LoginFixture.Created;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The PC page's HTTP calls: CORS, refusals with JSON bodies, and the per-IP creation limit. */
class LoginHttpIT {
    private TestServer server;
    private LoginFixture login;

    private void start(int createPerMinute, List<String> trustedProxies) throws Exception {
        server = TestServer.start(c -> c
                .withLogin(c.login().withCreatePerMinute(createPerMinute)) // keeps TestServer's admission off
                .withServer(c.server().withTrustedProxies(trustedProxies)));
        login = new LoginFixture(server);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void preflightIsAnsweredForAllowedOriginsOnly() throws Exception {
        start(120, List.of());
        HttpResponse<String> ok = login.http("OPTIONS", "/api/login/sessions", null, "Origin", ORIGIN_A,
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type");
        assertThat(ok.statusCode()).isEqualTo(204);
        assertThat(ok.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN_A);
        assertThat(ok.headers().firstValue("Vary")).hasValue("Origin");
        assertThat(ok.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST");
        assertThat(ok.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
                .contains("content-type").contains("authorization");
        assertThat(ok.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();

        HttpResponse<String> del = login.http("OPTIONS", "/api/login/sessions/AAAAAAAAAAAAAAAAAAAAAA", null,
                "Origin", ORIGIN_A, "Access-Control-Request-Method", "DELETE");
        assertThat(del.statusCode()).isEqualTo(204);
        assertThat(del.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("DELETE");

        HttpResponse<String> foreign = login.http("OPTIONS", "/api/login/sessions", null,
                "Origin", "https://evil.example", "Access-Control-Request-Method", "POST");
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void creationChecksTheAppsOriginAndTheBody() throws Exception {
        start(120, List.of());
        HttpResponse<String> ok = login.post(APP_A);
        assertThat(ok.statusCode()).isEqualTo(201);
        assertThat(ok.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN_A);
        assertThat(ok.headers().firstValue("Vary")).hasValue("Origin");

        HttpResponse<String> foreign = login.post(APP_A, "Origin", "https://evil.example");
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(body(foreign).path("error").asText()).isEqualTo("origin_not_allowed");
        assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(login.post(APP_A, "Origin", ORIGIN_B).statusCode()).as("another app's origin").isEqualTo(403);

        assertThat(login.http("POST", "/api/login/sessions", "{\"appkey\":\"" + APP_A + "\"}").statusCode())
                .as("no Origin: a server or native app").isEqualTo(201);
        for (String bad : new String[] {"", "not json", "[]", "{}", "{\"appkey\":7}"}) {
            HttpResponse<String> r = login.http("POST", "/api/login/sessions", bad, "Origin", ORIGIN_A);
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(body(r).path("error").asText()).isEqualTo("bad_request");
            assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN_A);
        }
        HttpResponse<String> unknown = login.http("POST", "/api/login/sessions", "{\"appkey\":\"nope\"}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(body(unknown).path("error").asText()).isEqualTo("not_found");
    }

    @Test
    void creationFloodIsLimitedWhileLiveSessionsKeepWorking() throws Exception {
        start(5, List.of());
        Created live = login.create(APP_A);
        try (WsClient pc = login.pc(APP_A, live); WsClient phone = login.phone(APP_A, "u1")) {
            int created = 1;
            HttpResponse<String> limited = null;
            for (int i = 0; i < 20; i++) {
                // Without trusted proxies, a forged X-Forwarded-For changes nothing.
                HttpResponse<String> r = login.post(APP_A, "X-Forwarded-For", "198.51.100." + i);
                if (r.statusCode() == 201) {
                    created++;
                } else {
                    limited = r;
                }
            }
            assertThat(created).isLessThanOrEqualTo(6);
            assertThat(limited).isNotNull();
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(body(limited).path("error").asText()).isEqualTo("rate_limited");
            assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isPositive();
            assertThat(limited.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN_A);
            assertThat(limited.headers().firstValue("Access-Control-Expose-Headers")).hasValue("Retry-After");

            assertThat(act(phone, live, "scan").path("code").asInt()).isEqualTo(200);
            assertThat(act(phone, live, "confirm").path("code").asInt()).isEqualTo(200);
            nextEvent(pc, live);
            String ticket = nextEvent(pc, live).path("ticket").asText();
            assertThat(login.verify(API_KEY_A, ticket).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void forwardedForCountsOnlyFromTrustedProxies() throws Exception {
        start(3, List.of("127.0.0.0/8"));
        for (int i = 0; i < 3; i++) {
            assertThat(login.post(APP_A, "X-Forwarded-For", "203.0.113.7").statusCode()).isEqualTo(201);
        }
        assertThat(login.post(APP_A, "X-Forwarded-For", "203.0.113.7").statusCode()).isEqualTo(429);
        assertThat(login.post(APP_A, "X-Forwarded-For", "203.0.113.7, 127.0.0.2").statusCode())
                .as("our own proxy hop is skipped").isEqualTo(429);
        HttpResponse<String> other = login.post(APP_A, "X-Forwarded-For", "203.0.113.8");
        assertThat(other.statusCode()).isEqualTo(201);
        try (WsClient phone = login.phone(APP_A, "u1")) {
            Created s = Created.of(body(other));
            assertThat(act(phone, s, "scan").path("client").path("ip").asText()).isEqualTo("203.0.113.8");
        }
    }
}
