package io.qrpush.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.qrpush.sdk.LoginClient;
import io.qrpush.sdk.LoginPhone;
import io.qrpush.sdk.QrPushException;
import io.qrpush.sdk.QrPushException.Kind;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scan-to-login without a WebSocket on the phone: {@link LoginPhone#overHttps} with one otp, and the
 * app's backend acting for its user through {@code QrPushApi} (docs/protocol.md sections 4 and 5).
 */
class LoginOverHttpsIT {
    private static SdkServer server;

    @BeforeAll
    static void start() throws Exception {
        server = SdkServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    private static String otp(String userId, String name) {
        return SdkServer.tokens().otp(userId).name(name).publishTo("login:*").mint();
    }

    @Test
    void aNativePhoneScansAndConfirmsWithOneOtp() throws Exception {
        try (PcPage pc = PcPage.open(server)) {
            LoginPhone login = LoginPhone.overHttps(server.httpUrl(), pc.key(), otp("n1", "Nadia"));
            LoginClient where = get(login.scan()).client();
            assertThat(where.userAgent()).isEqualTo(PcPage.USER_AGENT);
            assertThat(where.origin()).isEqualTo(SdkServer.ORIGIN);
            pc.awaitEvent("scanned");

            get(login.confirm()); // with the phone token of the scan: the otp is spent
            JsonNode confirmed = pc.awaitEvent("confirmed");
            assertThat(confirmed.path("user").path("id").asText()).isEqualTo("n1");
            assertThat(server.api().verifyTicket(confirmed.path("ticket").asText()).name()).isEqualTo("Nadia");
            assertThatThrownBy(() -> get(login.cancel()))
                    .cause().isInstanceOfSatisfying(QrPushException.class, e -> assertThat(e.kind()).isEqualTo(Kind.GONE));
        }
    }

    @Test
    void aNativePhoneHearsTheSameRefusalsAsOverWebSocket() throws Exception {
        try (PcPage pc = PcPage.open(server)) {
            get(LoginPhone.overHttps(server.httpUrl(), pc.key(), otp("n2", "First")).scan());
            assertThatThrownBy(() -> get(LoginPhone.overHttps(server.httpUrl(), pc.key(), otp("n3", "Second")).scan()))
                    .cause().isInstanceOfSatisfying(QrPushException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.CONFLICT);
                        assertThat(e.error()).isEqualTo("locked");
                    });
            String spent = otp("n2", "First");
            get(LoginPhone.overHttps(server.httpUrl(), pc.key(), spent).scan());
            assertThatThrownBy(() -> get(LoginPhone.overHttps(server.httpUrl(), pc.key(), spent).cancel()))
                    .cause().isInstanceOfSatisfying(QrPushException.class, e -> assertThat(e.error()).isEqualTo("otp_reused"));
        }
    }

    @Test
    void theBackendScansAndConfirmsForItsUser() throws Exception {
        try (PcPage pc = PcPage.open(server)) {
            LoginClient where = server.api().scanLogin(pc.key(), "backend-user", "Bea", null).client();
            assertThat(where.userAgent()).isEqualTo(PcPage.USER_AGENT);
            pc.awaitEvent("scanned");
            assertThatThrownBy(() -> server.api().confirmLogin(pc.key(), "someone-else"))
                    .isInstanceOfSatisfying(QrPushException.class, e -> assertThat(e.error()).isEqualTo("locked"));
            server.api().confirmLogin(pc.key(), "backend-user");
            JsonNode confirmed = pc.awaitEvent("confirmed");
            assertThat(server.api().verifyTicket(confirmed.path("ticket").asText()).userId()).isEqualTo("backend-user");
        }
    }

    @Test
    void theBackendCancels() throws Exception {
        try (PcPage pc = PcPage.open(server)) {
            server.api().scanLogin(pc.key(), "backend-user-2", null, null);
            server.api().cancelLogin(pc.key(), "backend-user-2");
            pc.awaitEvent("cancelled");
            assertThatThrownBy(() -> server.api().cancelLogin(pc.key(), "backend-user-2"))
                    .isInstanceOfSatisfying(QrPushException.class, e -> assertThat(e.kind()).isEqualTo(Kind.GONE));
        }
    }
}
