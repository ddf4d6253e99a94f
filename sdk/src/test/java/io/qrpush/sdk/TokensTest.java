package io.qrpush.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import io.qrpush.protocol.token.OtpClaims;
import io.qrpush.protocol.token.Otps;
import io.qrpush.protocol.token.SubscriptionTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Minted tokens are plain HS256 JWTs: a third-party library (auth0 java-jwt) verifies them. */
class TokensTest {
    private static final String SECRET = "app-secret-0123456789abcdef";
    private final Tokens tokens = Tokens.of(SECRET);

    @Test
    void anOtpIsAnHs256JwtWithTheProtocolsClaims() throws Exception {
        String otp = tokens.otp("u17").name("Ann").avatar("https://a.example/ann.png")
                .publishTo("login:*", "chat:*").ttl(Duration.ofSeconds(120)).mint();
        DecodedJWT jwt = JWT.require(Algorithm.HMAC256(SECRET)).build().verify(otp);
        assertThat(jwt.getAlgorithm()).isEqualTo("HS256");
        assertThat(jwt.getSubject()).isEqualTo("u17");
        assertThat(jwt.getClaim("name").asString()).isEqualTo("Ann");
        assertThat(jwt.getClaim("avatar").asString()).isEqualTo("https://a.example/ann.png");
        assertThat(jwt.getClaim("pub").asList(String.class)).containsExactly("login:*", "chat:*");
        assertThat(jwt.getId()).isNotBlank();
        assertThat(jwt.getExpiresAt().toInstant().getEpochSecond() - jwt.getIssuedAt().toInstant().getEpochSecond())
                .isEqualTo(120);
        OtpClaims claims = Otps.verify(otp, SECRET, Instant.now());
        assertThat(claims.sub()).isEqualTo("u17");
    }

    @Test
    void everyMintHasAFreshJtiAndTheDefaultLifetimeIsAMinute() {
        Tokens.Otp template = tokens.otp("u1");
        DecodedJWT a = JWT.decode(template.mint());
        DecodedJWT b = JWT.decode(template.mint());
        assertThat(a.getId()).isNotEqualTo(b.getId());
        assertThat(a.getExpiresAt().getTime() - a.getIssuedAt().getTime()).isEqualTo(60_000);
        assertThat(a.getClaim("pub").isMissing()).isTrue();
    }

    @Test
    void lifetimesOverTheProtocolsLimitAreRefused() {
        assertThatThrownBy(() -> tokens.otp("u1").ttl(Duration.ofSeconds(601))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tokens.otp("u1").ttl(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThat(tokens.otp("u1").ttl(Duration.ofSeconds(600)).mint()).isNotBlank();
        assertThatThrownBy(() -> tokens.otp("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSubscriptionTokenNamesItsChannel() throws Exception {
        String token = tokens.subscriptionToken("private:room-1", Duration.ofMinutes(5));
        DecodedJWT jwt = JWT.require(Algorithm.HMAC256(SECRET)).withClaim("ch", "private:room-1").build().verify(token);
        assertThat(jwt.getExpiresAt()).isAfter(java.util.Date.from(Instant.now().plusSeconds(290)));
        SubscriptionTokens.verify(token, SECRET, "private:room-1", Instant.now());
    }

    @Test
    void anotherSecretDoesNotVerify() {
        String otp = tokens.otp("u1").mint();
        assertThatThrownBy(() -> JWT.require(Algorithm.HMAC256("other-secret")).build().verify(otp))
                .isInstanceOf(SignatureVerificationException.class);
    }

    @Test
    void theClockDecidesIssueAndExpiry() {
        Clock fixed = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
        DecodedJWT jwt = JWT.decode(tokens.withClock(fixed).otp("u1").mint());
        assertThat(jwt.getIssuedAt().toInstant()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
    }

    @Test
    void theSecretIsNeverShown() {
        assertThat(tokens.toString()).doesNotContain(SECRET);
        assertThat(tokens.otp("u1").toString()).doesNotContain(SECRET);
    }
}
