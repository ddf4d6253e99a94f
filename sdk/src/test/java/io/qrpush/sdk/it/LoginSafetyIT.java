package io.qrpush.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.qrpush.sdk.LoginPhone;
import io.qrpush.sdk.LoginScan;
import io.qrpush.sdk.QrPushClient;
import io.qrpush.sdk.QrPushException;
import io.qrpush.sdk.QrPushException.Kind;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link LoginPhone} on an app with number matching: the choices, the risk, the match on confirm. */
class LoginSafetyIT {
    private static SdkServer server;
    private static final List<AutoCloseable> OPEN = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        server = SdkServer.startWithNumberMatching();
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : OPEN) {
            c.close();
        }
        server.close();
    }

    private static LoginPhone phoneOf(PcPage pc, String userId) throws Exception {
        QrPushClient c = server.client()
                .otp(() -> SdkServer.tokens().otp(userId).name(userId).publishTo("login:*").mint()).build();
        OPEN.add(c);
        c.connect().get(10, TimeUnit.SECONDS);
        return LoginPhone.of(c, pc.key());
    }

    private static PcPage pc() throws Exception {
        PcPage pc = PcPage.open(server);
        OPEN.add(pc);
        return pc;
    }

    private static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    @Test
    void theScanOffersThreeNumbersAndThePickedOneConfirms() throws Exception {
        PcPage pc = pc();
        assertThat(pc.match()).matches("[1-9][0-9]");
        LoginPhone login = phoneOf(pc, "ann");
        LoginScan scan = get(login.scan());
        assertThat(scan.numberMatching()).isTrue();
        assertThat(scan.choices()).hasSize(3).doesNotHaveDuplicates().contains(pc.match());
        assertThat(scan.client().risk().sameNetwork()).as("both on 127.0.0.1").isTrue();
        assertThat(scan.client().risk().scansByUser()).isEqualTo(1);
        assertThat(pc.awaitEvent("scanned").has("choices")).isFalse();
        get(login.confirm(pc.match()));
        assertThat(pc.awaitEvent("confirmed").path("ticket").asText()).isNotBlank();
    }

    @Test
    void aWrongNumberIsMismatchAndCancels() throws Exception {
        PcPage pc = pc();
        LoginPhone login = phoneOf(pc, "bob");
        String wrong = get(login.scan()).choices().stream().filter(n -> !n.equals(pc.match())).findFirst()
                .orElseThrow();
        assertThatThrownBy(() -> get(login.confirm(wrong))).cause()
                .isInstanceOfSatisfying(QrPushException.class, e -> {
                    assertThat(e.error()).isEqualTo("mismatch");
                    assertThat(e.kind()).isEqualTo(Kind.CONFLICT);
                });
        JsonNode cancelled = pc.awaitEvent("cancelled");
        assertThat(cancelled.path("reason").asText()).isEqualTo("mismatch");
    }
}
