package io.qrpush.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrpush.server.login.LoginSession;
import io.qrpush.server.login.LoginStatus;
import io.qrpush.server.login.LoginUser;
import io.qrpush.server.login.PcClient;
import org.junit.jupiter.api.Test;

/** What a login event tells the backend: who and where, never the ticket. */
class LoginEventsTest {
    private static final PcClient PC = new PcClient("203.0.113.7", "Firefox", "https://shop.example", 1000);
    private static final LoginUser ANN = new LoginUser("ann", "Ann", null);

    @Test
    void aConfirmedLoginNamesTheUserAndThePcButNotTheTicket() {
        LoginSession scanned = new LoginSession("k1", "shop", LoginStatus.SCANNED, 2, PC, ANN, 9000, 2000, 0, null,
                null, false, null, null);
        LoginSession confirmed = new LoginSession("k1", "shop", LoginStatus.CONFIRMED, 3, PC, ANN, 9000, 2000, 3000,
                "seed-secret", "hash-secret", false, null, null);
        ObjectNode d = LoginEvents.data(scanned, confirmed);
        assertThat(d.path("key").asText()).isEqualTo("k1");
        assertThat(d.path("userId").asText()).isEqualTo("ann");
        assertThat(d.path("confirmedAt").asLong()).isEqualTo(3000);
        assertThat(d.path("client").path("ip").asText()).isEqualTo("203.0.113.7");
        assertThat(d.toString()).doesNotContain("seed-secret").doesNotContain("hash-secret");
    }

    @Test
    void anEndedSessionKeepsThePcOfTheVersionBefore() {
        LoginSession waiting = LoginSession.waiting("k2", "shop", PC, 5000);
        LoginSession expired = new LoginSession("k2", "shop", LoginStatus.EXPIRED, 2, null, null, 9000, 0, 0, null,
                null, false, null, null);
        ObjectNode d = LoginEvents.data(waiting, expired);
        assertThat(d.has("userId")).isFalse();
        assertThat(d.path("client").path("origin").asText()).isEqualTo("https://shop.example");
        assertThat(d.has("confirmedAt")).isFalse();
    }
}
