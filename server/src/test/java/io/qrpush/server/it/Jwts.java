package io.qrpush.server.it;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** JWTs built byte by byte, so tests can make the ones no well-behaved library would mint. */
final class Jwts {
    static final String HS256 = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";

    private Jwts() {
    }

    static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(UTF_8));
    }

    /** header.payload signed with a JCA MAC ({@code HmacSHA256}, {@code HmacSHA512}). */
    static String sign(String headerJson, String payloadJson, String macAlgorithm, String secret) {
        String input = b64(headerJson) + "." + b64(payloadJson);
        try {
            Mac mac = Mac.getInstance(macAlgorithm);
            mac.init(new SecretKeySpec(secret.getBytes(UTF_8), macAlgorithm));
            return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(input.getBytes(UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String hs256(String payloadJson, String secret) {
        return sign(HS256, payloadJson, "HmacSHA256", secret);
    }

    /** An unsigned token with {@code alg: none}. */
    static String unsigned(String payloadJson) {
        return b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(payloadJson) + ".";
    }

    /** Otp claims for {@code sub} valid from now for {@code ttlSeconds}, with a jti made unique per call. */
    static String otpClaims(String sub, long ttlSeconds) {
        long now = Instant.now().getEpochSecond();
        return "{\"sub\":\"" + sub + "\",\"iat\":" + now + ",\"exp\":" + (now + ttlSeconds) + ",\"jti\":\""
                + System.nanoTime() + "\"}";
    }

    /** Changes one character in the middle of the signature, where every bit counts. */
    static String flipSignature(String token) {
        int at = token.lastIndexOf('.') + 10;
        char c = token.charAt(at);
        return token.substring(0, at) + (c == 'A' ? 'B' : 'A') + token.substring(at + 1);
    }
}
