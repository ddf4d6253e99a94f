package io.qrpush.server.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrpush.protocol.ErrorWord;
import io.qrpush.protocol.ProtocolException;
import io.qrpush.server.config.LoginSettings;
import io.qrpush.server.config.QrpushConfig;
import io.qrpush.server.http.HttpAnswer;
import io.qrpush.server.http.HttpCall;
import io.qrpush.server.metrics.ServerMetrics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The shared opening of the login routes: key shape, the unknown-key budget and the look-up. */
class SessionLookupTest {
    private static final LoginSession KNOWN = LoginSession.waiting("known", "app", null, Long.MAX_VALUE);
    private static final HttpCall CALL = new HttpCall("GET", "/", Map.of(), Map.of(), new byte[0], "192.0.2.9");

    private final AtomicInteger reads = new AtomicInteger();
    private final SessionLookup lookup = new SessionLookup(key -> {
        reads.incrementAndGet();
        return CompletableFuture.completedFuture(key.equals(KNOWN.key()) ? KNOWN : null);
    }, new LoginBudgets(QrpushConfig.of(List.of()), () -> 0L), new ServerMetrics());

    @Test
    void aKeyIsBase64urlOfAtMost64CharactersBetweenTheBaseAndTheSuffix() {
        assertThat(SessionLookup.keyOf("/api/login/sessions/Ab-_9/status", "/status")).isEqualTo("Ab-_9");
        assertThat(SessionLookup.keyOf("/api/login/sessions/Ab9", "")).isEqualTo("Ab9");
        assertThat(SessionLookup.keyOf("/api/login/sessions/" + "k".repeat(64), "")).hasSize(64);
        assertThat(SessionLookup.keyOf("/api/login/sessions/" + "k".repeat(65), "")).isNull();
        assertThat(SessionLookup.keyOf("/api/login/sessions//status", "/status")).isNull();
        assertThat(SessionLookup.keyOf("/api/login/sessions/a.b/status", "/status")).isNull();
        assertThat(SessionLookup.keyOf("/api/login/sessions/ab/qr.png", "/status")).isNull();
        assertThat(SessionLookup.keyOf("/other/ab/status", "/status")).isNull();
    }

    @Test
    void theRouteGetsTheCallersAddressAndTheSessionOrNull() {
        assertThat(open("known").join().status()).isEqualTo(200);
        assertThat(refusal(open("nope"))).isEqualTo(ErrorWord.NOT_FOUND);
    }

    @Test
    void unknownKeysAreChargedUntilTheAddressIsRefusedWithoutReadingTheStore() {
        int budget = LoginSettings.DEFAULT_UNKNOWN_KEYS_PER_MINUTE;
        for (int i = 0; i < budget; i++) {
            assertThat(refusal(open("nope-" + i))).isEqualTo(ErrorWord.NOT_FOUND);
        }
        int readsBefore = reads.get();
        HttpAnswer spent = open("known").join();
        assertThat(spent.status()).isEqualTo(429);
        assertThat(spent.headers()).containsKey("Retry-After").containsEntry("X-Dressed", "yes");
        assertThat(reads.get()).isEqualTo(readsBefore);
    }

    @Test
    void knownKeysCostNothing() {
        for (int i = 0; i < LoginSettings.DEFAULT_UNKNOWN_KEYS_PER_MINUTE + 5; i++) {
            assertThat(open("known").join().status()).isEqualTo(200);
        }
    }

    /** A route that answers 200 for a session and refuses an unknown key as the login routes do. */
    private CompletableFuture<HttpAnswer> open(String key) {
        return lookup.open(CALL, key, a -> a.withHeader("X-Dressed", "yes"), (ip, s) -> {
            assertThat(ip).isEqualTo("192.0.2.9");
            if (s == null) {
                return lookup.unknown(ip);
            }
            return CompletableFuture.completedFuture(HttpAnswer.text(200, "text/plain", s.key()));
        });
    }

    private static ErrorWord refusal(CompletableFuture<HttpAnswer> answer) {
        try {
            answer.join();
            return null;
        } catch (CompletionException e) {
            return e.getCause() instanceof ProtocolException p ? p.word() : null;
        }
    }
}
