package io.qrpush.protocol.token;

import static io.qrpush.protocol.token.HandMadeJwts.hs256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.qrpush.protocol.ErrorWord;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Subscription tokens grant one exact channel until exp; every refusal is bad_token. */
class SubscriptionTokensTest {
    private static final String SECRET = "app-secret";
    private static final String CHANNEL = "login:Vx3kq9";
    private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");
    private static final long NOW_S = NOW.getEpochSecond();

    private static void assertBadToken(String token, String channel, Instant now) {
        assertThatThrownBy(() -> SubscriptionTokens.verify(token, SECRET, channel, now))
                .isInstanceOfSatisfying(TokenException.class, e -> assertThat(e.word()).isEqualTo(ErrorWord.BAD_TOKEN));
    }

    @Test
    void aMintedTokenGrantsItsChannelAgainAndAgain() {
        String token = SubscriptionTokens.mint(SECRET, CHANNEL, NOW.plusSeconds(120));
        assertThatCode(() -> SubscriptionTokens.verify(token, SECRET, CHANNEL, NOW)).doesNotThrowAnyException();
        assertThatCode(() -> SubscriptionTokens.verify(token, SECRET, CHANNEL, NOW.plusSeconds(119)))
                .doesNotThrowAnyException();
    }

    @Test
    void aTokenForAnotherChannelIsRefused() {
        String token = SubscriptionTokens.mint(SECRET, CHANNEL, NOW.plusSeconds(120));
        for (String other : List.of("login:Vx3kq", "login:Vx3kq9x", "login:*", "private:Vx3kq9", "Login:Vx3kq9")) {
            assertBadToken(token, other, NOW);
        }
    }

    @Test
    void anExpiredTokenIsRefused() {
        String token = SubscriptionTokens.mint(SECRET, CHANNEL, NOW.plusSeconds(120));
        assertBadToken(token, CHANNEL, NOW.plusSeconds(120));
        assertBadToken(token, CHANNEL, NOW.plus(Duration.ofDays(1)));
    }

    @Test
    void aTokenWithoutUsableClaimsIsRefused() {
        assertBadToken(hs256("{\"ch\":\"" + CHANNEL + "\"}", SECRET), CHANNEL, NOW);
        assertBadToken(hs256("{\"ch\":\"" + CHANNEL + "\",\"exp\":\"" + (NOW_S + 60) + "\"}", SECRET), CHANNEL, NOW);
        assertBadToken(hs256("{\"ch\":\"" + CHANNEL + "\",\"exp\":null}", SECRET), CHANNEL, NOW);
        assertBadToken(hs256("{\"exp\":" + (NOW_S + 60) + "}", SECRET), CHANNEL, NOW);
        assertBadToken(hs256("{\"ch\":[\"" + CHANNEL + "\"],\"exp\":" + (NOW_S + 60) + "}", SECRET), CHANNEL, NOW);
    }

    @Test
    void malformedOrForeignTokensAreBadTokensNotBadOtps() {
        String token = SubscriptionTokens.mint(SECRET, CHANNEL, NOW.plusSeconds(120));
        assertBadToken(HandMadeJwts.flipSignatureChar(token), CHANNEL, NOW);
        assertBadToken(SubscriptionTokens.mint("other-secret", CHANNEL, NOW.plusSeconds(120)), CHANNEL, NOW);
        assertBadToken("not-a-token", CHANNEL, NOW);
        assertBadToken(null, CHANNEL, NOW);
        String otp = Otps.mint(SECRET, "u17", Duration.ofSeconds(60), null, null, List.of("login:*"), NOW);
        assertBadToken(otp, CHANNEL, NOW);
    }

    @Test
    void interoperatesWithJavaJwt() throws TokenException {
        Instant now = Instant.now();
        String theirs = JWT.create().withClaim("ch", CHANNEL).withExpiresAt(Date.from(now.plusSeconds(60)))
                .sign(Algorithm.HMAC256(SECRET));
        SubscriptionTokens.verify(theirs, SECRET, CHANNEL, now);

        String ours = SubscriptionTokens.mint(SECRET, CHANNEL, now.plusSeconds(60));
        assertThat(JWT.require(Algorithm.HMAC256(SECRET)).withClaim("ch", CHANNEL).build().verify(ours)
                .getExpiresAtAsInstant()).isEqualTo(Instant.ofEpochSecond(now.plusSeconds(60).getEpochSecond()));
    }
}
