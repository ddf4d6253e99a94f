package io.qrpush.protocol.token;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tokens built byte by byte, so tests can make the ones no well-behaved library would. In this
 * module's test jar: the server's integration tests make their hostile tokens with it too.
 */
public final class HandMadeJwts {
    public static final String HS256_HEADER = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";

    private HandMadeJwts() {
    }

    public static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(UTF_8));
    }

    /** header.payload signed with {@code macAlgorithm} (a JCA name such as HmacSHA256). */
    public static String sign(String headerJson, String payloadJson, String macAlgorithm, String secret) {
        String input = b64(headerJson) + "." + b64(payloadJson);
        try {
            Mac mac = Mac.getInstance(macAlgorithm);
            mac.init(new SecretKeySpec(secret.getBytes(UTF_8), macAlgorithm));
            return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(input.getBytes(UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String hs256(String payloadJson, String secret) {
        return sign(HS256_HEADER, payloadJson, "HmacSHA256", secret);
    }

    /** An unsigned token with {@code alg: none}. */
    public static String unsigned(String payloadJson) {
        return b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(payloadJson) + ".";
    }

    /** Otp claims for {@code sub} valid from now for {@code ttlSeconds}, with a jti made unique per call. */
    public static String otpClaims(String sub, long ttlSeconds) {
        long now = Instant.now().getEpochSecond();
        return "{\"sub\":\"" + sub + "\",\"iat\":" + now + ",\"exp\":" + (now + ttlSeconds) + ",\"jti\":\""
                + System.nanoTime() + "\"}";
    }

    /** Changes one character in the middle of the signature, where every bit counts. */
    public static String flipSignatureChar(String token) {
        int at = token.lastIndexOf('.') + 10;
        char c = token.charAt(at);
        return token.substring(0, at) + (c == 'A' ? 'B' : 'A') + token.substring(at + 1);
    }
}
