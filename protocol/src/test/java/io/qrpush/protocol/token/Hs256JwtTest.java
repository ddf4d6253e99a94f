package io.qrpush.protocol.token;

import static io.qrpush.protocol.token.HandMadeJwts.b64;
import static io.qrpush.protocol.token.HandMadeJwts.hs256;
import static io.qrpush.protocol.token.HandMadeJwts.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrpush.protocol.ErrorWord;
import org.junit.jupiter.api.Test;

/** The HS256-only compact JWS: what it signs verifies, everything else is refused. */
class Hs256JwtTest {
    private static final String SECRET = "s3cret-of-the-demo-app";
    private static final String PAYLOAD = "{\"sub\":\"u17\",\"n\":1}";

    private static void assertRefused(String token, ErrorWord word) {
        assertThatThrownBy(() -> Hs256Jwt.verify(token, SECRET, word))
                .as("%s", token)
                .isInstanceOfSatisfying(TokenException.class, e -> assertThat(e.word()).isEqualTo(word));
    }

    @Test
    void signedClaimsVerify() throws TokenException {
        ObjectNode claims = JsonNodeFactory.instance.objectNode().put("sub", "u17").put("\u00e9", "\uD83D\uDE00");
        claims.putArray("pub").add("login:*");
        String token = Hs256Jwt.sign(claims, SECRET);
        assertThat(token).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}");
        assertThat(Hs256Jwt.verify(token, SECRET, ErrorWord.BAD_OTP)).isEqualTo(claims);
    }

    @Test
    void aTokenSignedByHandWithHs256Verifies() throws TokenException {
        assertThat(Hs256Jwt.verify(hs256(PAYLOAD, SECRET), SECRET, ErrorWord.BAD_TOKEN).path("sub").asText())
                .isEqualTo("u17");
        String noTyp = sign("{\"alg\":\"HS256\"}", PAYLOAD, "HmacSHA256", SECRET);
        assertThat(Hs256Jwt.verify(noTyp, SECRET, ErrorWord.BAD_TOKEN).path("n").asInt()).isEqualTo(1);
    }

    @Test
    void algNoneIsRefused() {
        String unsigned = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(PAYLOAD) + ".";
        assertRefused(unsigned, ErrorWord.BAD_OTP);
        assertRefused(sign("{\"alg\":\"none\"}", PAYLOAD, "HmacSHA256", SECRET), ErrorWord.BAD_OTP);
    }

    @Test
    void otherAlgorithmsAreRefusedEvenWhenCorrectlySigned() {
        assertRefused(sign("{\"alg\":\"HS512\",\"typ\":\"JWT\"}", PAYLOAD, "HmacSHA512", SECRET), ErrorWord.BAD_OTP);
        assertRefused(sign("{\"alg\":\"HS384\"}", PAYLOAD, "HmacSHA384", SECRET), ErrorWord.BAD_OTP);
        // Algorithm confusion: an RS256 header over a valid HMAC of the same input.
        assertRefused(sign("{\"alg\":\"RS256\",\"typ\":\"JWT\"}", PAYLOAD, "HmacSHA256", SECRET), ErrorWord.BAD_OTP);
        assertRefused(sign("{\"alg\":\"hs256\"}", PAYLOAD, "HmacSHA256", SECRET), ErrorWord.BAD_OTP);
        assertRefused(sign("{\"typ\":\"JWT\"}", PAYLOAD, "HmacSHA256", SECRET), ErrorWord.BAD_OTP);
        assertRefused(sign("{\"alg\":[\"HS256\"]}", PAYLOAD, "HmacSHA256", SECRET), ErrorWord.BAD_OTP);
    }

    @Test
    void aChangedSignatureOrPayloadIsRefused() {
        String token = hs256(PAYLOAD, SECRET);
        assertRefused(HandMadeJwts.flipSignatureChar(token), ErrorWord.BAD_TOKEN);
        String[] parts = token.split("\\.");
        assertRefused(parts[0] + "." + b64("{\"sub\":\"admin\",\"n\":1}") + "." + parts[2], ErrorWord.BAD_TOKEN);
        assertRefused(parts[0] + "." + parts[1] + "." + parts[2].substring(0, 40), ErrorWord.BAD_TOKEN);
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRefused() {
        assertRefused(hs256(PAYLOAD, SECRET + "x"), ErrorWord.BAD_OTP);
        assertRefused(Hs256Jwt.sign(JsonNodeFactory.instance.objectNode().put("sub", "u"), "other"), ErrorWord.BAD_OTP);
    }

    @Test
    void tokensThatAreNotThreeNonEmptyPartsAreRefused() {
        String token = hs256(PAYLOAD, SECRET);
        String[] parts = token.split("\\.");
        for (String bad : new String[] {null, "", "abc", parts[0] + "." + parts[1], token + "." + parts[2],
            token + ".", "." + parts[1] + "." + parts[2], parts[0] + ".." + parts[2], "..", "..."}) {
            assertRefused(bad, ErrorWord.BAD_TOKEN);
        }
    }

    @Test
    void partsThatAreNotBase64urlJsonObjectsAreRefused() {
        String token = hs256(PAYLOAD, SECRET);
        String[] parts = token.split("\\.");
        assertRefused("e*J." + parts[1] + "." + parts[2], ErrorWord.BAD_OTP);
        assertRefused(parts[0] + "." + parts[1] + ".a+b/c", ErrorWord.BAD_OTP);
        assertRefused(parts[0] + "." + parts[1] + "!." + parts[2], ErrorWord.BAD_OTP);
        assertRefused(b64("not json") + "." + parts[1] + "." + parts[2], ErrorWord.BAD_OTP);
        // Correctly signed, but the payload is not a JSON object.
        for (String payload : new String[] {"not json", "[\"sub\",\"u17\"]", "\"u17\"", "17", "null", "{\"sub\":"}) {
            assertRefused(hs256(payload, SECRET), ErrorWord.BAD_OTP);
        }
    }

    @Test
    void overlongTokensAreRefusedUnread() {
        String padded = hs256("{\"sub\":\"" + "x".repeat(Hs256Jwt.MAX_TOKEN_LENGTH) + "\"}", SECRET);
        assertRefused(padded, ErrorWord.BAD_TOKEN);
    }
}
