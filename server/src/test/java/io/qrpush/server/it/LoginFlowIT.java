package io.qrpush.server.it;

import static io.qrpush.server.it.LoginFixture.act;
import static io.qrpush.server.it.LoginFixture.assertRefused;
import static io.qrpush.server.it.LoginFixture.body;
import static io.qrpush.server.it.LoginFixture.nextEvent;
import static io.qrpush.server.it.TestServer.APP_A;
import static io.qrpush.server.it.TestServer.APP_B;
import static io.qrpush.server.it.TestServer.API_KEY_A;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.qrpush.server.it.LoginFixture.Created;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Scan-to-login end to end over real WebSockets and HTTP: the happy path and each wrong step. */
class LoginFlowIT extends DefaultServerIT {
    @Tag(TestServer.SINGLE_NODE)
    @Test
    void happyPathFromCodeToRedeemedTicket() throws Exception {
        HttpResponse<String> created = login.post(APP_A);
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Cache-Control")).hasValue("no-store");
        Created s = Created.of(body(created));
        assertThat(s.key()).matches("[A-Za-z0-9_-]{22,}");
        assertThat(s.channel()).isEqualTo("login:" + s.key());
        assertThat(s.qrContent()).isEqualTo("https://a.example/qr?k=" + s.key());
        assertThat(s.qrPng()).isEqualTo("/api/login/sessions/" + s.key() + "/qr.png");
        assertThat(s.qrSvg()).isEqualTo("/api/login/sessions/" + s.key() + "/qr.svg");
        assertThat(s.expiresAt()).isGreaterThan(System.currentTimeMillis() + 100_000);
        assertThat(s.qrContent()).doesNotContain(s.token());

        try (WsClient pc = login.pc(APP_A, s); WsClient phone = login.phone(APP_A, "u17")) {
            JsonNode scan = act(phone, s, "scan");
            assertThat(scan.path("code").asInt()).as(scan.toString()).isEqualTo(200);
            JsonNode client = scan.path("client");
            assertThat(client.path("ip").asText()).isEqualTo("127.0.0.1");
            assertThat(client.path("userAgent").asText()).isEqualTo(LoginFixture.UA);
            assertThat(client.path("origin").asText()).isEqualTo(TestServer.ORIGIN_A);
            assertThat(client.path("createdAt").asLong()).isPositive();

            JsonNode scanned = nextEvent(pc, s);
            assertThat(scanned.path("event").asText()).isEqualTo("scanned");
            assertThat(scanned.has("user")).as("app A does not reveal the user on scan").isFalse();

            assertThat(act(phone, s, "confirm").path("code").asInt()).isEqualTo(200);
            JsonNode confirmed = nextEvent(pc, s);
            assertThat(confirmed.path("event").asText()).isEqualTo("confirmed");
            assertThat(confirmed.path("user").path("id").asText()).isEqualTo("u17");
            assertThat(confirmed.path("user").path("name").asText()).isEqualTo("u17 name");
            String ticket = confirmed.path("ticket").asText();
            assertThat(ticket).hasSizeGreaterThan(40);

            HttpResponse<String> verified = login.verify(API_KEY_A, ticket);
            assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
            assertThat(verified.headers().firstValue("Cache-Control")).hasValue("no-store");
            JsonNode v = body(verified);
            assertThat(v.path("userId").asText()).isEqualTo("u17");
            assertThat(v.path("name").asText()).isEqualTo("u17 name");
            assertThat(v.path("key").asText()).isEqualTo(s.key());
            assertThat(v.path("confirmedAt").asLong()).isPositive();
            assertThat(v.path("client").path("userAgent").asText()).isEqualTo(LoginFixture.UA);
            assertThat(v.path("client").path("ip").asText()).isEqualTo("127.0.0.1");

            assertRefused(act(phone, s, "confirm"), 410, "gone");
            assertRefused(act(phone, s, "scan"), 410, "gone");
            assertRefused(act(phone, s, "cancel"), 410, "gone");
        }
        assertThat(server.server().metrics().scrape())
                .contains("qrpush_login_sessions_total{event=\"confirmed\"} 1.0")
                .contains("qrpush_login_scan_to_confirm_seconds_count 1");
    }

    @Test
    void appThatRevealsTheUserSendsItWithTheScannedEvent() throws Exception {
        Created s = login.create(APP_B);
        try (WsClient pc = login.pc(APP_B, s); WsClient phone = login.phone(APP_B, "bob")) {
            assertThat(act(phone, s, "scan").path("code").asInt()).isEqualTo(200);
            JsonNode scanned = nextEvent(pc, s);
            assertThat(scanned.path("user").path("id").asText()).isEqualTo("bob");
            JsonNode again = pc.subscribe(s.channel(), s.token());
            assertThat(again.path("state").path("status").asText()).isEqualTo("scanned");
        }
    }

    @Test
    void secondScannerIsLockedOutAndThePcNeverHearsOfIt() throws Exception {
        Created s = login.create(APP_A);
        try (WsClient pc = login.pc(APP_A, s);
             WsClient first = login.phone(APP_A, "alice");
             WsClient second = login.phone(APP_A, "mallory")) {
            assertThat(act(first, s, "scan").path("code").asInt()).isEqualTo(200);
            assertRefused(act(second, s, "scan"), 409, "locked");
            assertRefused(act(second, s, "confirm"), 409, "locked");
            assertRefused(act(second, s, "cancel"), 409, "locked");
            assertThat(act(first, s, "scan").path("code").asInt()).as("the same user may scan again").isEqualTo(200);
            assertThat(act(first, s, "confirm").path("code").asInt()).isEqualTo(200);

            assertThat(nextEvent(pc, s).path("event").asText()).isEqualTo("scanned");
            JsonNode confirmed = nextEvent(pc, s);
            assertThat(confirmed.path("event").asText()).isEqualTo("confirmed");
            assertThat(confirmed.path("user").path("id").asText()).isEqualTo("alice");
            assertThat(pc.drain()).noneMatch(f -> "message".equals(f.path("op").asText()));
        }
    }

    @Test
    void confirmOrCancelBeforeScanIsBadState() throws Exception {
        Created s = login.create(APP_A);
        try (WsClient pc = login.pc(APP_A, s); WsClient phone = login.phone(APP_A, "u1")) {
            assertRefused(act(phone, s, "confirm"), 409, "bad_state");
            assertRefused(act(phone, s, "cancel"), 409, "bad_state");
            assertRefused(phone.publish(s.channel(), "{\"action\":\"steal\"}"), 400, "bad_request");
            assertRefused(phone.publish(s.channel(), "\"scan\""), 400, "bad_request");
            assertThat(act(phone, s, "scan").path("code").asInt()).isEqualTo(200);
            assertThat(nextEvent(pc, s).path("event").asText()).isEqualTo("scanned");
        }
    }

    @Test
    void cancelByTheScannerEndsTheSession() throws Exception {
        Created s = login.create(APP_A);
        try (WsClient pc = login.pc(APP_A, s);
             WsClient phone = login.phone(APP_A, "u1");
             WsClient other = login.phone(APP_A, "u2")) {
            act(phone, s, "scan");
            assertThat(act(phone, s, "cancel").path("code").asInt()).isEqualTo(200);
            assertThat(nextEvent(pc, s).path("event").asText()).isEqualTo("scanned");
            assertThat(nextEvent(pc, s).path("event").asText()).isEqualTo("cancelled");
            for (String action : new String[] {"scan", "confirm", "cancel"}) {
                assertRefused(act(phone, s, action), 410, "gone");
                assertRefused(act(other, s, action), 410, "gone");
            }
            assertThat(pc.subscribe(s.channel(), s.token()).path("state").path("status").asText()).isEqualTo("cancelled");
        }
    }

    @Test
    void unknownSessionIsNotFound() throws Exception {
        try (WsClient phone = login.phone(APP_A, "u1")) {
            assertRefused(phone.publish("login:AAAAAAAAAAAAAAAAAAAAAA", "{\"action\":\"scan\"}"), 404, "not_found");
        }
    }

    @Test
    void pcThatReconnectsAfterTheConfirmGetsTheTicketFromTheSubscribeReply() throws Exception {
        Created s = login.create(APP_A);
        WsClient pc = login.pc(APP_A, s);
        String ticket;
        try (WsClient phone = login.phone(APP_A, "u5")) {
            pc.close();
            act(phone, s, "scan");
            assertThat(act(phone, s, "confirm").path("code").asInt()).isEqualTo(200);
        }
        try (WsClient back = login.pc(APP_A, s)) {
            JsonNode state = back.subscribe(s.channel(), s.token()).path("state");
            assertThat(state.path("status").asText()).isEqualTo("confirmed");
            assertThat(state.path("user").path("id").asText()).isEqualTo("u5");
            ticket = state.path("ticket").asText();
            assertThat(ticket).isNotEmpty();
            assertThat(login.verify(API_KEY_A, ticket).statusCode()).isEqualTo(200);
            JsonNode after = back.subscribe(s.channel(), s.token()).path("state");
            assertThat(after.path("status").asText()).isEqualTo("confirmed");
            assertThat(after.has("ticket")).as("no ticket once redeemed").isFalse();
        }
    }
}
