package io.qrpush.server.it;

import static io.qrpush.server.it.LoginFixture.act;
import static io.qrpush.server.it.LoginFixture.assertRefused;
import static io.qrpush.server.it.LoginFixture.body;
import static io.qrpush.server.it.LoginFixture.nextEvent;
import static io.qrpush.server.it.TestServer.APP_A;
import static io.qrpush.server.it.TestServer.API_KEY_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qrpush.server.config.LoginSettings;
import io.qrpush.server.it.LoginFixture.Created;
import io.qrpush.server.login.LoginSession;
import io.qrpush.server.login.LoginStatus;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Sessions end on their own: expiry while waiting or scanned, revocation, pcGrace, late tickets. */
class LoginTimeoutIT {
    private TestServer server;
    private LoginFixture login;

    private void start(Duration loginTtl, Duration confirmTtl, Duration ticketTtl, Duration pcGrace) throws Exception {
        server = TestServer.start(c -> c.withLogin(new LoginSettings(loginTtl, confirmTtl, ticketTtl, pcGrace)));
        login = new LoginFixture(server);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private LoginStatus status(Created s) {
        LoginSession session = server.server().login().find(s.key()).join();
        return session == null ? null : session.status();
    }

    @Tag(TestServer.SINGLE_NODE)
    @Test
    void waitingSessionExpiresAfterLoginTtl() throws Exception {
        start(Duration.ofMillis(700), Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(30));
        Created s = login.create(APP_A);
        assertThat(s.expiresAt() - System.currentTimeMillis()).isLessThanOrEqualTo(700L);
        try (WsClient pc = login.pc(APP_A, s); WsClient phone = login.phone(APP_A, "u1")) {
            assertThat(nextEvent(pc, s).path("event").asText()).isEqualTo("expired");
            assertRefused(act(phone, s, "scan"), 410, "gone");
            assertThat(pc.subscribe(s.channel(), s.token()).path("state").path("status").asText()).isEqualTo("expired");
        }
        assertThat(login.bytes(s.qrPng()).statusCode()).isEqualTo(410);
        assertThat(server.server().metrics().scrape())
                .contains("qrpush_login_sessions_total{event=\"created\"} 1.0")
                .contains("qrpush_login_sessions_total{event=\"expired\"} 1.0")
                .contains("qrpush_login_rejected_total{action=\"scan\",reason=\"gone\"} 1.0");
    }

    @Test
    void scannedSessionExpiresAfterConfirmTtl() throws Exception {
        start(Duration.ofSeconds(30), Duration.ofMillis(700), Duration.ofSeconds(30), Duration.ofSeconds(30));
        Created s = login.create(APP_A);
        try (WsClient pc = login.pc(APP_A, s); WsClient phone = login.phone(APP_A, "u1")) {
            act(phone, s, "scan");
            assertThat(nextEvent(pc, s).path("event").asText()).isEqualTo("scanned");
            assertThat(nextEvent(pc, s).path("event").asText()).isEqualTo("expired");
            assertRefused(act(phone, s, "confirm"), 410, "gone");
        }
    }

    @Tag(TestServer.SINGLE_NODE)
    @Test
    void finishedSessionsAreFreedAfterTheirRetention() throws Exception {
        start(Duration.ofMillis(300), Duration.ofSeconds(30), Duration.ofMillis(300), Duration.ofSeconds(30));
        Created s = login.create(APP_A);
        await().atMost(Duration.ofSeconds(5)).until(() -> status(s) == null);
        assertThat(server.server().login().size()).isZero();
        try (WsClient phone = login.phone(APP_A, "u1")) {
            assertRefused(act(phone, s, "scan"), 404, "not_found");
        }
    }

    @Test
    void deleteWithTheTokenRevokesAtOnce() throws Exception {
        start(Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(30));
        Created s = login.create(APP_A);
        Created other = login.create(APP_A);
        try (WsClient pc = login.pc(APP_A, s); WsClient phone = login.phone(APP_A, "u1")) {
            act(phone, s, "scan");
            assertThat(login.delete(s, other.token(), TestServer.ORIGIN_A).statusCode()).isEqualTo(403);
            assertThat(login.http("DELETE", "/api/login/sessions/" + s.key(), null).statusCode()).isEqualTo(403);
            assertThat(login.delete(s, s.token(), TestServer.ORIGIN_B).statusCode()).as("foreign origin").isEqualTo(403);
            var deleted = login.delete(s, s.token(), TestServer.ORIGIN_A);
            assertThat(deleted.statusCode()).isEqualTo(200);
            assertThat(body(deleted).path("status").asText()).isEqualTo("revoked");
            assertThat(deleted.headers().firstValue("Access-Control-Allow-Origin")).hasValue(TestServer.ORIGIN_A);
            assertThat(nextEvent(pc, s).path("event").asText()).isEqualTo("scanned");
            assertThat(nextEvent(pc, s).path("event").asText()).isEqualTo("revoked");
            assertRefused(act(phone, s, "confirm"), 410, "gone");
            assertThat(login.delete(s, s.token(), null).statusCode()).as("idempotent").isEqualTo(200);
        }
        assertThat(server.server().metrics().scrape())
                .contains("qrpush_login_sessions_total{event=\"revoked\"} 1.0");
        assertThat(login.delete(new Created("AAAAAAAAAAAAAAAAAAAAAA", "", "", "", "", "", 0), s.token(), null)
                .statusCode()).isEqualTo(404);
    }

    @Test
    void deleteAfterTheConfirmLeavesTheTicketValid() throws Exception {
        start(Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(30));
        Created s = login.create(APP_A);
        try (WsClient pc = login.pc(APP_A, s); WsClient phone = login.phone(APP_A, "u1")) {
            act(phone, s, "scan");
            act(phone, s, "confirm");
            nextEvent(pc, s);
            String ticket = nextEvent(pc, s).path("ticket").asText();
            // The page unloads on its way to the backend and revokes with keepalive: too late to matter.
            assertThat(body(login.delete(s, s.token(), TestServer.ORIGIN_A)).path("status").asText()).isEqualTo("confirmed");
            assertThat(login.verify(API_KEY_A, ticket).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void pcVanishingPastPcGraceRevokes() throws Exception {
        start(Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofMillis(500));
        Created s = login.create(APP_A);
        WsClient pc = login.pc(APP_A, s);
        pc.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> status(s) == LoginStatus.REVOKED);
        try (WsClient phone = login.phone(APP_A, "u1")) {
            assertRefused(act(phone, s, "scan"), 410, "gone");
        }
    }

    @Test
    void pcBackWithinPcGraceKeepsTheSession() throws Exception {
        start(Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(2));
        Created s = login.create(APP_A);
        WsClient first = login.pc(APP_A, s);
        first.close();
        try (WsClient back = login.pc(APP_A, s); WsClient phone = login.phone(APP_A, "u1")) {
            // Past the grace of the first PC's leaving, the session must still be waiting.
            await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5))
                    .until(() -> status(s) == LoginStatus.WAITING);
            assertThat(act(phone, s, "scan").path("code").asInt()).isEqualTo(200);
            assertThat(nextEvent(back, s).path("event").asText()).isEqualTo("scanned");
        }
    }

    @Test
    void ticketRedeemedAfterTicketTtlIsGone() throws Exception {
        start(Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofMillis(400), Duration.ofSeconds(30));
        Created s = login.create(APP_A);
        String ticket;
        long confirmedAt;
        try (WsClient pc = login.pc(APP_A, s); WsClient phone = login.phone(APP_A, "u1")) {
            act(phone, s, "scan");
            act(phone, s, "confirm");
            nextEvent(pc, s);
            ticket = nextEvent(pc, s).path("ticket").asText();
            confirmedAt = server.server().login().find(s.key()).join().confirmedAt();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> System.currentTimeMillis() > confirmedAt + 450);
        assertThat(login.verify(API_KEY_A, ticket).statusCode()).isEqualTo(410);
    }
}
