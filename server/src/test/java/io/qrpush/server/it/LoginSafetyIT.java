package io.qrpush.server.it;

import static io.qrpush.server.it.LoginFixture.act;
import static io.qrpush.server.it.LoginFixture.assertRefused;
import static io.qrpush.server.it.LoginFixture.body;
import static io.qrpush.server.it.LoginFixture.nextEvent;
import static io.qrpush.server.it.TestServer.APP_A;
import static io.qrpush.server.it.TestServer.APP_B;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.qrpush.server.config.AppConfig;
import io.qrpush.server.config.QrpushConfig;
import io.qrpush.server.it.LoginFixture.Created;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Login safety (docs/protocol.md section 4): number matching on app B, the scan answer's risk
 * signals read through a trusted proxy (127.0.0.0/8, the test itself, writing
 * {@code X-Forwarded-For}) and the per-user scan budget. One server for all; each test has users
 * of its own, so budgets do not meet.
 */
class LoginSafetyIT {
    private static final String XFF = "X-Forwarded-For";
    private static final int SCANS_PER_MINUTE = 3;
    private static final AtomicInteger USERS = new AtomicInteger();
    private static TestServer server;
    private static LoginFixture login;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(c -> withMatchingOnB(c)
                .withLogin(c.login().withScansPerUserPerMinute(SCANS_PER_MINUTE))
                .withServer(c.server().withTrustedProxies(List.of("127.0.0.0/8"))));
        login = new LoginFixture(server);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static QrpushConfig withMatchingOnB(QrpushConfig c) {
        List<AppConfig> apps = new ArrayList<>();
        for (AppConfig a : c.apps()) {
            apps.add(a.appkey().equals(APP_B) ? a.withNumberMatching(true) : a);
        }
        return new QrpushConfig(c.server(), c.limits(), c.login(), c.broker(), apps, c.demo(), c.namespaces());
    }

    private static String freshUser() {
        return "user-" + USERS.incrementAndGet();
    }

    /** A session created by a PC that a trusted proxy says is at {@code pcIp}; null sends no header. */
    private static Created createFrom(LoginFixture fixture, String appkey, String pcIp) throws Exception {
        HttpResponse<String> r = pcIp == null ? fixture.post(appkey) : fixture.post(appkey, XFF, pcIp);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return Created.of(body(r));
    }

    /** A phone of {@code user} that a proxy says is at {@code phoneIp}; null sends no header. */
    private static WsClient phoneAt(TestServer on, String appkey, String user, String phoneIp) throws Exception {
        String[] headers = phoneIp == null ? new String[0] : new String[] {XFF, phoneIp};
        WsClient c = WsClient.connect(HttpClient.newHttpClient(), on.wsUri(), null, headers);
        c.requestOk("{\"op\":\"authorize\",\"id\":1,\"appkey\":\"" + appkey + "\",\"otp\":\""
                + TestServer.otp(TestServer.secretOf(appkey), user, "login:*") + "\"}");
        return c;
    }

    private static JsonNode confirm(WsClient phone, Created s, String match) throws Exception {
        return phone.publish(s.channel(), match == null ? "{\"action\":\"confirm\"}"
                : "{\"action\":\"confirm\",\"match\":\"" + match + "\"}");
    }

    /** The scan answer's {@code client.risk} for a PC and a phone at these addresses. */
    private static JsonNode riskOf(TestServer on, String pcIp, String phoneIp) throws Exception {
        LoginFixture fixture = new LoginFixture(on);
        Created s = createFrom(fixture, APP_A, pcIp);
        try (WsClient phone = phoneAt(on, APP_A, freshUser(), phoneIp)) {
            JsonNode scan = act(phone, s, "scan");
            assertThat(scan.path("code").asInt()).as(scan.toString()).isEqualTo(200);
            return scan.path("client").path("risk");
        }
    }

    @Test
    void theRightNumberLogsIn() throws Exception {
        JsonNode created = body(login.post(APP_B));
        String match = created.path("match").asText();
        assertThat(match).matches("[1-9][0-9]");
        Created s = Created.of(created);
        try (WsClient pc = login.pc(APP_B, s); WsClient phone = phoneAt(server, APP_B, freshUser(), null)) {
            JsonNode scan = act(phone, s, "scan");
            List<String> choices = new ArrayList<>();
            scan.path("choices").forEach(c -> choices.add(c.asText()));
            assertThat(choices).hasSize(3).doesNotHaveDuplicates().contains(match);
            assertThat(confirm(phone, s, match).path("code").asInt()).isEqualTo(200);
            JsonNode scanned = nextEvent(pc, s);
            assertThat(scanned.path("event").asText()).isEqualTo("scanned");
            assertThat(scanned.has("choices")).as("the PC never sees the choices: %s", scanned).isFalse();
            JsonNode confirmed = nextEvent(pc, s);
            assertThat(confirmed.path("event").asText()).isEqualTo("confirmed");
            assertThat(confirmed.path("ticket").asText()).isNotEmpty();
            assertThat(pc.drain().toString()).as("nothing else reached the PC").doesNotContain("choices");
        }
    }

    @Test
    void aWrongNumberCancelsWithMismatch() throws Exception {
        JsonNode created = body(login.post(APP_B));
        String match = created.path("match").asText();
        Created s = Created.of(created);
        try (WsClient pc = login.pc(APP_B, s); WsClient phone = phoneAt(server, APP_B, freshUser(), null)) {
            String wrong = null;
            for (JsonNode c : act(phone, s, "scan").path("choices")) {
                wrong = c.asText().equals(match) ? wrong : c.asText();
            }
            assertThat(wrong).isNotNull();
            assertRefused(confirm(phone, s, wrong), 409, "mismatch");
            nextEvent(pc, s);
            JsonNode cancelled = nextEvent(pc, s);
            assertThat(cancelled.path("event").asText()).isEqualTo("cancelled");
            assertThat(cancelled.path("reason").asText()).isEqualTo("mismatch");
            assertRefused(confirm(phone, s, match), 410, "gone");
        }
    }

    @Test
    void aConfirmWithoutANumberIs409AndCancels() throws Exception {
        Created s = createFrom(login, APP_B, null);
        try (WsClient pc = login.pc(APP_B, s); WsClient phone = phoneAt(server, APP_B, freshUser(), null)) {
            act(phone, s, "scan");
            assertRefused(confirm(phone, s, null), 409, "mismatch");
            nextEvent(pc, s);
            JsonNode cancelled = nextEvent(pc, s);
            assertThat(cancelled.path("event").asText()).isEqualTo("cancelled");
            assertThat(cancelled.path("reason").asText()).isEqualTo("mismatch");
        }
        try (WsClient again = login.pc(APP_B, s)) {
            JsonNode state = again.subscribe(s.channel(), s.token()).path("state");
            assertThat(state.path("status").asText()).as(state.toString()).isEqualTo("cancelled");
            assertThat(state.path("reason").asText()).as("a PC that reconnects learns why").isEqualTo("mismatch");
        }
    }

    @Test
    void aMatchOnAnAppWithoutMatchingIsIgnored() throws Exception {
        JsonNode created = body(login.post(APP_A));
        assertThat(created.has("match")).isFalse();
        Created s = Created.of(created);
        try (WsClient phone = phoneAt(server, APP_A, freshUser(), null)) {
            assertThat(act(phone, s, "scan").has("choices")).isFalse();
            assertThat(confirm(phone, s, "99").path("code").asInt()).isEqualTo(200);
        }
    }

    @Test
    void sameNetworkThroughATrustedProxy() throws Exception {
        assertThat(riskOf(server, "198.51.100.7", "198.51.100.200").path("sameNetwork").asBoolean())
                .as("same /24").isTrue();
        assertThat(riskOf(server, "198.51.100.7", "203.0.113.9").path("sameNetwork").asBoolean())
                .as("another network").isFalse();
        assertThat(riskOf(server, "198.51.100.7", "198.51.101.7").path("sameNetwork").asBoolean())
                .as("the next /24").isFalse();
        assertThat(riskOf(server, "2001:db8:1:2::1", "2001:db8:1:ffff::2").path("sameNetwork").asBoolean())
                .as("same IPv6 /48").isTrue();
        assertThat(riskOf(server, "2001:db8:1:2::1", "2001:db8:2:2::1").path("sameNetwork").asBoolean())
                .as("another /48").isFalse();
        assertThat(riskOf(server, "198.51.100.7", null).path("sameNetwork").asBoolean())
                .as("the phone on this machine, the PC behind the proxy").isFalse();
    }

    @Test
    void forwardingHeadersFromAnUntrustedPeerAreIgnored() throws Exception {
        try (TestServer direct = TestServer.start()) {
            assertThat(riskOf(direct, "198.51.100.7", "203.0.113.9").path("sameNetwork").asBoolean())
                    .as("both are 127.0.0.1, whatever the headers say").isTrue();
        }
    }

    @Test
    void theScanBudgetRefusesAndLeavesTheSessionWaiting() throws Exception {
        String user = freshUser();
        try (WsClient phone = phoneAt(server, APP_A, user, null)) {
            for (int i = 1; i <= SCANS_PER_MINUTE; i++) {
                JsonNode scan = act(phone, createFrom(login, APP_A, null), "scan");
                assertThat(scan.path("client").path("risk").path("scansByUser").asInt()).as(scan.toString())
                        .isEqualTo(i);
            }
            Created s = createFrom(login, APP_A, null);
            assertRefused(act(phone, s, "scan"), 429, "rate_limited");
            try (WsClient pc = login.pc(APP_A, s); WsClient other = phoneAt(server, APP_A, freshUser(), null)) {
                JsonNode scan = act(other, s, "scan");
                assertThat(scan.path("code").asInt()).as("still waiting for others: %s", scan).isEqualTo(200);
                assertThat(scan.path("client").path("risk").path("scansByUser").asInt()).isEqualTo(1);
            }
        }
    }
}
