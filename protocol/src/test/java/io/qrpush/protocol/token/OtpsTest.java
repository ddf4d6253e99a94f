package io.qrpush.protocol.token;

import static io.qrpush.protocol.token.HandMadeJwts.hs256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import io.qrpush.protocol.ErrorWord;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Otps (docs/protocol.md section 1): HS256, sub/jti/exp required, at most 600 s of life, pub an array of globs. */
class OtpsTest {
    private static final String SECRET = "app-secret-\u00e9";
    private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");
    private static final long T = NOW.getEpochSecond();

    private static TokenException refusal(String otp, Instant now) {
        try {
            OtpClaims accepted = Otps.verify(otp, SECRET, now);
            throw new AssertionError("accepted " + accepted);
        } catch (TokenException e) {
            return e;
        }
    }

    private static void assertBadOtp(String payloadJson) {
        assertThat(refusal(hs256(payloadJson, SECRET), NOW).word()).as(payloadJson).isEqualTo(ErrorWord.BAD_OTP);
    }

    /** Valid claims with one of them replaced (or removed, with replacement null). */
    private static String claimsWith(String claim, String replacement) {
        StringBuilder json = new StringBuilder("{");
        String[][] base = {{"sub", "\"u17\""}, {"jti", "\"j-1\""}, {"iat", Long.toString(T)},
            {"exp", Long.toString(T + 60)}, {"name", "\"Ann\""}, {"pub", "[\"login:*\"]"}};
        for (String[] kv : base) {
            String value = kv[0].equals(claim) ? replacement : kv[1];
            if (value != null) {
                json.append(json.length() > 1 ? "," : "").append('"').append(kv[0]).append("\":").append(value);
            }
        }
        return json.append('}').toString();
    }

    @Test
    void aMintedOtpVerifiesWithItsClaims() throws TokenException {
        String otp = Otps.mint(SECRET, "u17", Duration.ofSeconds(300), "Ann \u00e9", "https://x/a.png",
                List.of("login:*", "news"), NOW);
        OtpClaims claims = Otps.verify(otp, SECRET, NOW);
        assertThat(claims.sub()).isEqualTo("u17");
        assertThat(claims.exp()).isEqualTo(T + 300);
        assertThat(claims.jti()).matches("[A-Za-z0-9_-]{22}");
        assertThat(claims.name()).isEqualTo("Ann \u00e9");
        assertThat(claims.avatar()).isEqualTo("https://x/a.png");
        assertThat(claims.pub()).containsExactly("login:*", "news");
        assertThat(Otps.verify(otp, SECRET, NOW.plusSeconds(299)).jti()).isEqualTo(claims.jti());
    }

    @Test
    void eachMintHasItsOwnJtiAndOptionalClaimsMayBeLeftOut() throws TokenException {
        OtpClaims a = Otps.verify(Otps.mint(SECRET, "u17", Duration.ofSeconds(600), null, null, null, NOW), SECRET, NOW);
        OtpClaims b = Otps.verify(Otps.mint(SECRET, "u17", Duration.ofSeconds(1), null, null, List.of(), NOW), SECRET, NOW);
        assertThat(a.jti()).isNotEqualTo(b.jti());
        assertThat(a.name()).isNull();
        assertThat(a.avatar()).isNull();
        assertThat(a.pub()).isEmpty();
        assertThat(b.pub()).isEmpty();
    }

    @Test
    void mintRefusesLifetimesOutsideOneTo600Seconds() {
        for (Duration ttl : List.of(Duration.ZERO, Duration.ofSeconds(-1), Duration.ofSeconds(601))) {
            assertThatThrownBy(() -> Otps.mint(SECRET, "u", ttl, null, null, null, NOW))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void anExpiredOtpIsOtpExpired() {
        String otp = Otps.mint(SECRET, "u17", Duration.ofSeconds(60), null, null, null, NOW);
        assertThat(refusal(otp, NOW.plusSeconds(60)).word()).isEqualTo(ErrorWord.OTP_EXPIRED);
        assertThat(refusal(otp, NOW.plusSeconds(3600)).word()).isEqualTo(ErrorWord.OTP_EXPIRED);
        assertThat(refusal(hs256(claimsWith("exp", Long.toString(T - 1)), SECRET), NOW).word())
                .isEqualTo(ErrorWord.OTP_EXPIRED);
    }

    @Test
    void aLifetimeOver600SecondsIsRefused() throws TokenException {
        // Issued 100 s ago, 550 s left: within 600 s of now, but 650 s of life.
        assertBadOtp(claimsWith("iat", Long.toString(T - 100)).replace(Long.toString(T + 60), Long.toString(T + 550)));
        assertBadOtp(claimsWith("exp", Long.toString(T + 601)));
        assertThat(Otps.verify(hs256(claimsWith("exp", Long.toString(T + 600)), SECRET), SECRET, NOW).exp())
                .isEqualTo(T + 600);
    }

    @Test
    void withoutIatExpMustStillBeWithin600SecondsOfNow() throws TokenException {
        assertBadOtp(claimsWith("iat", null).replace(Long.toString(T + 60), Long.toString(T + 601)));
        assertBadOtp(claimsWith("iat", null).replace(Long.toString(T + 60), Long.toString(Long.MAX_VALUE)));
        String atLimit = claimsWith("iat", null).replace(Long.toString(T + 60), Long.toString(T + 600));
        assertThat(Otps.verify(hs256(atLimit, SECRET), SECRET, NOW).sub()).isEqualTo("u17");
    }

    @Test
    void requiredClaimsMustBePresentAndStrings() {
        for (String claim : List.of("sub", "jti", "exp")) {
            assertBadOtp(claimsWith(claim, null));
            assertBadOtp(claimsWith(claim, "null"));
        }
        assertBadOtp(claimsWith("sub", "17"));
        assertBadOtp(claimsWith("sub", "\"\""));
        assertBadOtp(claimsWith("sub", "[\"u17\"]"));
        assertBadOtp(claimsWith("sub", "\"" + "u".repeat(257) + "\""));
        assertBadOtp(claimsWith("jti", "{}"));
        assertBadOtp(claimsWith("exp", "\"" + (T + 60) + "\""));
        assertBadOtp(claimsWith("exp", (T + 60) + ".5"));
        assertBadOtp(claimsWith("iat", "\"" + T + "\""));
        assertBadOtp(claimsWith("name", "42"));
    }

    @Test
    void pubMustBeAnArrayOfNonEmptyStrings() {
        assertBadOtp(claimsWith("pub", "\"login:*\""));
        assertBadOtp(claimsWith("pub", "{\"0\":\"login:*\"}"));
        assertBadOtp(claimsWith("pub", "[1]"));
        assertBadOtp(claimsWith("pub", "[\"login:*\",null]"));
        assertBadOtp(claimsWith("pub", "[\"\"]"));
        assertBadOtp(claimsWith("pub", "[[\"login:*\"]]"));
        assertBadOtp(claimsWith("pub", "[" + "\"a\",".repeat(64) + "\"a\"]"));
    }

    @Test
    void badlySignedOrWrongAlgorithmOtpsAreBadOtps() {
        String otp = Otps.mint(SECRET, "u17", Duration.ofSeconds(60), null, null, null, NOW);
        assertThat(refusal(HandMadeJwts.flipSignatureChar(otp), NOW).word()).isEqualTo(ErrorWord.BAD_OTP);
        assertThat(refusal(Otps.mint("other", "u17", Duration.ofSeconds(60), null, null, null, NOW), NOW).word())
                .isEqualTo(ErrorWord.BAD_OTP);
        String hs512 = HandMadeJwts.sign("{\"alg\":\"HS512\"}", claimsWith("x", null), "HmacSHA512", SECRET);
        assertThat(refusal(hs512, NOW).word()).isEqualTo(ErrorWord.BAD_OTP);
        assertThat(refusal("x.y.z", NOW).word()).isEqualTo(ErrorWord.BAD_OTP);
    }

    @Test
    void anOtpWeMintVerifiesWithJavaJwt() {
        Instant now = Instant.now();
        String otp = Otps.mint(SECRET, "u17", Duration.ofSeconds(120), "Ann", null, List.of("login:*"), now);
        DecodedJWT jwt = JWT.require(Algorithm.HMAC256(SECRET)).withSubject("u17").build().verify(otp);
        assertThat(jwt.getAlgorithm()).isEqualTo("HS256");
        assertThat(jwt.getId()).hasSize(22);
        assertThat(jwt.getExpiresAtAsInstant().getEpochSecond() - jwt.getIssuedAtAsInstant().getEpochSecond())
                .isEqualTo(120);
        assertThat(jwt.getClaim("name").asString()).isEqualTo("Ann");
        assertThat(jwt.getClaim("pub").asList(String.class)).containsExactly("login:*");
    }

    @Test
    void anOtpMintedWithJavaJwtVerifies() throws TokenException {
        Instant now = Instant.now();
        String otp = JWT.create().withSubject("u17").withJWTId("j-42").withIssuedAt(Date.from(now))
                .withExpiresAt(Date.from(now.plusSeconds(300))).withClaim("name", "Ann")
                .withArrayClaim("pub", new String[] {"login:*"}).sign(Algorithm.HMAC256(SECRET));
        OtpClaims claims = Otps.verify(otp, SECRET, now);
        assertThat(claims.sub()).isEqualTo("u17");
        assertThat(claims.jti()).isEqualTo("j-42");
        assertThat(claims.exp()).isEqualTo(now.plusSeconds(300).getEpochSecond());
        assertThat(claims.pub()).containsExactly("login:*");

        String hs512 = JWT.create().withSubject("u17").withJWTId("j-43").withExpiresAt(Date.from(now.plusSeconds(60)))
                .sign(Algorithm.HMAC512(SECRET));
        assertThat(refusal(hs512, now).word()).isEqualTo(ErrorWord.BAD_OTP);
    }
}
