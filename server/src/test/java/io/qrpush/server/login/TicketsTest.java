package io.qrpush.server.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Tickets from one HMAC and one SHA-256, with each thread's reused instances giving what fresh ones give. */
class TicketsTest {
    private static final String A = "secret-a-0123456789";
    private static final String B = "secret-b-0123456789";

    @Test
    void aTicketIsTheKeyAndTheFirst128BitsOfOneHmac() throws Exception {
        Mac fresh = Mac.getInstance("HmacSHA256");
        fresh.init(new SecretKeySpec(A.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] tag = fresh.doFinal("qrpush login ticket\nk1\nseed".getBytes(StandardCharsets.UTF_8));
        assertThat(Tickets.derive(A, "k1", "seed"))
                .isEqualTo("k1." + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(tag, 16)));
    }

    @Test
    void theReusedHmacTakesEachCallsSecret() {
        String underA = Tickets.derive(A, "k1", "seed");
        String underB = Tickets.derive(B, "k1", "seed");
        assertThat(underB).isNotEqualTo(underA);
        assertThat(Tickets.derive(A, "k1", "seed")).isEqualTo(underA);
        assertThat(CompletableFuture.supplyAsync(() -> Tickets.derive(A, "k1", "seed")).join())
                .as("another thread's instance").isEqualTo(underA);
    }

    @Test
    void theStoredHashIsOneSha256AndMatchesOnlyItsTicket() throws Exception {
        String ticket = Tickets.derive(A, "k1", "seed");
        byte[] sha = MessageDigest.getInstance("SHA-256").digest(ticket.getBytes(StandardCharsets.UTF_8));
        String stored = Tickets.hash(ticket);
        assertThat(stored).isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(sha));
        assertThat(Tickets.hash(ticket)).as("the reused digest starts afresh").isEqualTo(stored);
        assertThat(Tickets.matches(ticket, stored)).isTrue();
        assertThat(Tickets.matches(ticket + "x", stored)).isFalse();
        assertThat(Tickets.matches(null, stored)).isFalse();
    }
}
