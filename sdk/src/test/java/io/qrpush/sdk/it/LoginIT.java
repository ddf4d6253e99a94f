package io.qrpush.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.qrpush.sdk.LoginClient;
import io.qrpush.sdk.LoginPhone;
import io.qrpush.sdk.LoginScan;
import io.qrpush.sdk.QrPushClient;
import io.qrpush.sdk.QrPushException;
import io.qrpush.sdk.QrPushException.Kind;
import io.qrpush.sdk.VerifiedTicket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Scan-to-login end to end: a PC page and phones on {@link QrPushClient}, the backend on QrPushApi;
 * number matching on a server of its own.
 */
class LoginIT {
    private SdkServer server;
    private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = SdkServer.start();
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        server.close();
    }

    private PcPage pc() throws Exception {
        return pc(server);
    }

    private PcPage pc(SdkServer on) throws Exception {
        PcPage page = PcPage.open(on);
        open.add(page);
        return page;
    }

    private QrPushClient phone(String userId, String name) throws Exception {
        return phone(server, userId, name);
    }

    /** A logged-in phone user of the app: its otp may publish to login channels. */
    private QrPushClient phone(SdkServer on, String userId, String name) throws Exception {
        QrPushClient c = on.client()
                .otp(() -> SdkServer.tokens().otp(userId).name(name).publishTo("login:*").mint()).build();
        open.add(c);
        c.connect().get(10, TimeUnit.SECONDS);
        return c;
    }

    private static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aPhoneScansAndConfirmsAndTheBackendRedeemsTheTicketOnce() throws Exception {
        PcPage pc = pc();
        assertThat(pc.initialState().path("status").asText()).isEqualTo("waiting");
        String key = LoginPhone.keyFromQr(pc.qrContent(), SdkServer.QR_URL).orElseThrow();
        assertThat(key).isEqualTo(pc.key());

        LoginPhone login = LoginPhone.of(phone("u17", "Ann"), key);
        LoginScan scan = get(login.scan());
        assertThat(scan.numberMatching()).as("the app does not match numbers").isFalse();
        LoginClient where = scan.client();
        assertThat(where.origin()).isEqualTo(SdkServer.ORIGIN);
        assertThat(where.userAgent()).isEqualTo(PcPage.USER_AGENT);
        assertThat(where.ip()).isEqualTo("127.0.0.1");
        assertThat(where.createdAt()).isNotNull();
        JsonNode scanned = pc.awaitEvent("scanned");
        assertThat(scanned.has("user")).as("the app does not reveal the user before confirm").isFalse();

        get(login.confirm());
        JsonNode confirmed = pc.awaitEvent("confirmed");
        assertThat(confirmed.path("user").path("id").asText()).isEqualTo("u17");
        assertThat(confirmed.path("user").path("name").asText()).isEqualTo("Ann");
        String ticket = confirmed.path("ticket").asText();
        assertThat(ticket).isNotBlank();

        VerifiedTicket verified = server.api().verifyTicket(ticket);
        assertThat(verified.userId()).isEqualTo("u17");
        assertThat(verified.name()).isEqualTo("Ann");
        assertThat(verified.key()).isEqualTo(key);
        assertThat(verified.confirmedAt()).isNotNull();
        assertThat(verified.client().origin()).isEqualTo(SdkServer.ORIGIN);
        assertThat(verified.client().userAgent()).isEqualTo(PcPage.USER_AGENT);
        assertThatThrownBy(() -> server.api().verifyTicket(ticket))
                .isInstanceOfSatisfying(QrPushException.class, e -> assertThat(e.kind()).isEqualTo(Kind.GONE));
        assertThatThrownBy(() -> get(login.cancel()))
                .cause().isInstanceOfSatisfying(QrPushException.class, e -> assertThat(e.status()).isEqualTo(410));
    }

    @Test
    void theFirstScannerWinsAndMayCancel() throws Exception {
        PcPage pc = pc();
        LoginPhone first = LoginPhone.of(phone("u1", "One"), pc.key());
        LoginPhone second = LoginPhone.of(phone("u2", "Two"), pc.key());
        get(first.scan());
        get(first.scan()); // the same user may scan again
        assertThatThrownBy(() -> get(second.scan()))
                .cause().isInstanceOfSatisfying(QrPushException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.CONFLICT);
                    assertThat(e.error()).isEqualTo("locked");
                });
        get(first.cancel());
        pc.awaitEvent("cancelled");
        assertThatThrownBy(() -> get(first.confirm()))
                .cause().isInstanceOfSatisfying(QrPushException.class, e -> assertThat(e.kind()).isEqualTo(Kind.GONE));
    }

    @Test
    void confirmBeforeScanAndUnknownSessionsAreRefused() throws Exception {
        PcPage pc = pc();
        QrPushClient phone = phone("u3", "Three");
        assertThatThrownBy(() -> get(LoginPhone.of(phone, pc.key()).confirm()))
                .cause().isInstanceOfSatisfying(QrPushException.class, e -> assertThat(e.error()).isEqualTo("bad_state"));
        assertThatThrownBy(() -> get(LoginPhone.of(phone, "NoSuchKey0123456789abc").scan()))
                .cause().isInstanceOfSatisfying(QrPushException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
    }

    @Test
    void aPhoneWithoutLoginRightsIsForbidden() throws Exception {
        PcPage pc = pc();
        QrPushClient notAllowed = server.client().otp(() -> SdkServer.tokens().otp("u4").mint()).build();
        open.add(notAllowed);
        notAllowed.connect().get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> get(LoginPhone.of(notAllowed, pc.key()).scan()))
                .cause().isInstanceOfSatisfying(QrPushException.class, e -> assertThat(e.kind()).isEqualTo(Kind.FORBIDDEN));
    }

    @Test
    void withNumberMatchingTheScanOffersThreeNumbersAndThePickedOneConfirms() throws Exception {
        try (SdkServer matching = SdkServer.startWithNumberMatching()) {
            PcPage pc = pc(matching);
            assertThat(pc.match()).matches("[1-9][0-9]");
            LoginPhone login = LoginPhone.of(phone(matching, "ann", "Ann"), pc.key());
            LoginScan scan = get(login.scan());
            assertThat(scan.numberMatching()).isTrue();
            assertThat(scan.choices()).hasSize(3).doesNotHaveDuplicates().contains(pc.match());
            assertThat(scan.client().risk().sameNetwork()).as("both on 127.0.0.1").isTrue();
            assertThat(scan.client().risk().scansByUser()).isEqualTo(1);
            assertThat(pc.awaitEvent("scanned").has("choices")).isFalse();
            get(login.confirm(pc.match()));
            assertThat(pc.awaitEvent("confirmed").path("ticket").asText()).isNotBlank();
        }
    }

    @Test
    void withNumberMatchingTheBackendConfirmsWithTheNumberItsUserPicked() throws Exception {
        try (SdkServer matching = SdkServer.startWithNumberMatching()) {
            PcPage pc = pc(matching);
            LoginScan scan = matching.api().scanLogin(pc.key(), "cid", "Cid", null);
            assertThat(scan.choices()).hasSize(3).contains(pc.match());
            matching.api().confirmLogin(pc.key(), "cid", pc.match());
            assertThat(pc.awaitEvent("confirmed").path("ticket").asText()).isNotBlank();
        }
    }

    @Test
    void withNumberMatchingAWrongNumberIsMismatchAndCancels() throws Exception {
        try (SdkServer matching = SdkServer.startWithNumberMatching()) {
            PcPage pc = pc(matching);
            LoginPhone login = LoginPhone.of(phone(matching, "bob", "Bob"), pc.key());
            String wrong = get(login.scan()).choices().stream().filter(n -> !n.equals(pc.match())).findFirst()
                    .orElseThrow();
            assertThatThrownBy(() -> get(login.confirm(wrong))).cause()
                    .isInstanceOfSatisfying(QrPushException.class, e -> {
                        assertThat(e.error()).isEqualTo("mismatch");
                        assertThat(e.kind()).isEqualTo(Kind.CONFLICT);
                    });
            assertThat(pc.awaitEvent("cancelled").path("reason").asText()).isEqualTo("mismatch");
        }
    }
}
