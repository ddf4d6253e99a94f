package io.qrpush.server.it;

import static io.qrpush.server.it.LoginFixture.body;
import static io.qrpush.server.it.LoginFixture.nextEvent;
import static io.qrpush.server.it.TestServer.API_KEY_A;
import static io.qrpush.server.it.TestServer.API_KEY_B;
import static io.qrpush.server.it.TestServer.APP_A;
import static io.qrpush.server.it.TestServer.SECRET_A;
import static io.qrpush.server.it.TestServer.SECRET_B;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.qrpush.protocol.token.HandMadeJwts;
import io.qrpush.server.it.LoginFixture.Created;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The HTTPS doors to a login session (docs/protocol.md section 4, "Phone actions over plain
 * HTTPS", and section 5): a native phone with one otp and the phone token of its scan, and the app's
 * backend acting for its user; the answers and refusals are those of the WebSocket publish.
 */
class LoginDoorsIT extends LoginDoorsServer {
    private static String otp(String user) {
        return TestServer.otp(SECRET_A, user, "login:*");
    }

    static void assertAnswer(HttpResponse<String> r, int status, String word) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(body(r).path("error").asText()).as(r.body()).isEqualTo(word);
    }

    @Test
    void aPhoneLogsInOverHttpsWithOneOtp() throws Exception {
        Created s = login.create(APP_A);
        try (WsClient pc = login.pc(APP_A, s)) {
            HttpResponse<String> scan = doors.phone(s.key(), "scan", otp("native-1"));
            assertThat(scan.statusCode()).as(scan.body()).isEqualTo(200);
            assertThat(scan.headers().firstValue("Cache-Control")).hasValue("no-store");
            JsonNode scanned = body(scan);
            assertThat(scanned.path("status").asText()).isEqualTo("scanned");
            assertThat(scanned.path("client").path("userAgent").asText()).isEqualTo(LoginFixture.UA);
            String phoneToken = scanned.path("phoneToken").asText();
            assertThat(phoneToken).isNotEmpty();
            assertThat(nextEvent(pc, s).path("event").asText()).isEqualTo("scanned");

            HttpResponse<String> confirm = doors.phone(s.key(), "confirm", phoneToken);
            assertThat(confirm.statusCode()).as(confirm.body()).isEqualTo(200);
            assertThat(body(confirm).path("status").asText()).isEqualTo("confirmed");
            JsonNode confirmed = nextEvent(pc, s);
            assertThat(confirmed.path("user").path("id").asText()).isEqualTo("native-1");
            JsonNode verified = body(login.verify(API_KEY_A, confirmed.path("ticket").asText()));
            assertThat(verified.path("userId").asText()).isEqualTo("native-1");
            assertThat(verified.path("name").asText()).isEqualTo("native-1 name");

            assertAnswer(doors.phone(s.key(), "cancel", phoneToken), 410, "gone");
        }
    }

    @Test
    void aPhoneTokenServesOnlyItsSessionsConfirmOrCancel() throws Exception {
        Created a = login.create(APP_A);
        Created b = login.create(APP_A);
        String phoneToken = body(doors.phone(a.key(), "scan", otp("native-2"))).path("phoneToken").asText();

        assertAnswer(doors.phone(b.key(), "confirm", phoneToken), 403, "bad_token");
        assertAnswer(doors.phone(a.key(), "scan", phoneToken), 403, "bad_token");
        try (WsClient eavesdropper = server.anonymous(APP_A)) {
            LoginFixture.assertRefused(eavesdropper.subscribe(a.channel(), phoneToken), 403, "bad_token");
        }
        assertAnswer(doors.poll(a, "", phoneToken), 403, "bad_token");

        HttpResponse<String> cancel = doors.phone(a.key(), "cancel", otp("native-2"));
        assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(200);
        assertThat(body(cancel).path("status").asText()).isEqualTo("cancelled");
    }

    @Test
    void aPhoneIsRefusedAsOverWebSocket() throws Exception {
        Created s = login.create(APP_A);
        long now = Instant.now().getEpochSecond();
        assertAnswer(doors.phone(s.key(), "scan", null), 401, "unauthorized");
        assertAnswer(doors.phone(s.key(), "scan", HandMadeJwts.flipSignatureChar(otp("u1"))), 401, "bad_otp");
        assertAnswer(doors.phone(s.key(), "scan", TestServer.otp(SECRET_B, "u1", "login:*")), 401, "bad_otp");
        assertAnswer(doors.phone(s.key(), "scan", HandMadeJwts.hs256("{\"sub\":\"u1\",\"iat\":" + (now - 100) + ",\"exp\":"
                + (now - 10) + ",\"jti\":\"j-expired\",\"pub\":[\"login:*\"]}", SECRET_A)), 401, "otp_expired");
        assertAnswer(doors.phone(s.key(), "scan", TestServer.otp(SECRET_A, "u1", "news")), 403, "forbidden");
        assertAnswer(login.http("POST", "/api/login/sessions/" + s.key() + "/actions", "{\"action\":\"dance\"}",
                "Authorization", "Bearer " + otp("u1")), 400, "bad_request");
        assertAnswer(login.http("POST", "/api/login/sessions/" + s.key() + "/actions", "scan",
                "Authorization", "Bearer " + otp("u1")), 400, "bad_request");
        assertAnswer(doors.phone("no-such-key", "scan", otp("u1")), 404, "not_found");
        assertAnswer(doors.phone(s.key(), "confirm", otp("u1")), 409, "bad_state");

        String once = otp("u1");
        try (WsClient ws = server.connect()) {
            ws.requestOk("{\"op\":\"authorize\",\"id\":1,\"appkey\":\"" + APP_A + "\",\"otp\":\"" + once + "\"}");
        }
        assertAnswer(doors.phone(s.key(), "scan", once), 401, "otp_reused");
        String twice = otp("u1");
        assertThat(doors.phone(s.key(), "scan", twice).statusCode()).isEqualTo(200);
        assertAnswer(doors.phone(s.key(), "scan", twice), 401, "otp_reused");
        assertAnswer(doors.phone(s.key(), "scan", otp("u2")), 409, "locked");
    }

    @Test
    void theBackendActsForAnyOfItsUsers() throws Exception {
        Created s = login.create(APP_A);
        try (WsClient pc = login.pc(APP_A, s)) {
            HttpResponse<String> scan = doors.backendAs(API_KEY_A, s, "scan", "never-seen-before");
            assertThat(scan.statusCode()).as(scan.body()).isEqualTo(200);
            assertThat(body(scan).path("client").path("userAgent").asText()).isEqualTo(LoginFixture.UA);
            assertThat(body(scan).has("phoneToken")).isFalse();
            assertThat(nextEvent(pc, s).path("event").asText()).isEqualTo("scanned");

            assertAnswer(doors.backendAs(API_KEY_A, s, "confirm", "someone-else"), 409, "locked");
            assertThat(doors.backendAs(API_KEY_A, s, "confirm", "never-seen-before").statusCode()).isEqualTo(200);
            JsonNode confirmed = nextEvent(pc, s);
            assertThat(confirmed.path("user").path("name").asText()).isEqualTo("never-seen-before name");
            JsonNode verified = body(login.verify(API_KEY_A, confirmed.path("ticket").asText()));
            assertThat(verified.path("userId").asText()).isEqualTo("never-seen-before");
            assertAnswer(doors.backendAs(API_KEY_A, s, "cancel", "never-seen-before"), 410, "gone");
        }
    }

    @Test
    void theBackendIsRefusedWithoutAUserOrItsKey() throws Exception {
        Created s = login.create(APP_A);
        assertAnswer(doors.backend(API_KEY_A, s.key(), "scan", "{}"), 400, "bad_request");
        assertAnswer(doors.backend(API_KEY_A, s.key(), "scan", "{\"userId\":7}"), 400, "bad_request");
        assertAnswer(doors.backend(API_KEY_A, s.key(), "scan", "{\"userId\":\"u\",\"name\":[]}"), 400, "bad_request");
        assertAnswer(doors.backend("not-the-key", s.key(), "scan", "{\"userId\":\"u\"}"), 401, "unauthorized");
        assertAnswer(doors.backend(API_KEY_B, s.key(), "scan", "{\"userId\":\"u\"}"), 404, "not_found");
        assertAnswer(doors.backend(API_KEY_A, "no-such-key", "scan", "{\"userId\":\"u\"}"), 404, "not_found");
        assertAnswer(doors.backend(API_KEY_A, s.key(), "dance", "{\"userId\":\"u\"}"), 404, "not_found");
        assertAnswer(doors.backend(API_KEY_A, s.key(), "confirm", "{\"userId\":\"u\"}"), 409, "bad_state");
    }
}
