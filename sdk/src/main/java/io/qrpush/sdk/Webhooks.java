package io.qrpush.sdk;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks that a webhook request came from qrpush (docs/webhooks.md): its
 * {@code X-Qrpush-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">} must match the
 * raw body with the app's webhook secret, and {@code t} must be within {@code tolerance} of now,
 * so a request recorded once cannot be replayed later.
 *
 * <pre>{@code
 * if (!Webhooks.verify(secret, request.header("X-Qrpush-Signature"), rawBody, Duration.ofMinutes(5))) {
 *     return 401;
 * }
 * }</pre>
 *
 * Verify the body exactly as it arrived, before parsing it: a re-serialized body does not match.
 */
public final class Webhooks {
    /** The header qrpush signs its webhook requests in. */
    public static final String SIGNATURE_HEADER = "X-Qrpush-Signature";

    private Webhooks() {
    }

    /**
     * Whether {@code header} signs {@code body} with {@code secret} at a time within
     * {@code tolerance} of this machine's clock. False for a missing, malformed, stale or wrong
     * signature; the comparison takes the same time wherever the signatures differ.
     */
    public static boolean verify(String secret, String header, String body, Duration tolerance) {
        return verify(secret, header, body, tolerance, Clock.systemUTC());
    }

    /** As {@link #verify(String, String, String, Duration)}, against the given clock. */
    public static boolean verify(String secret, String header, String body, Duration tolerance, Clock clock) {
        if (secret == null || secret.isEmpty() || header == null || body == null || tolerance == null) {
            return false;
        }
        Long t = null;
        String v1 = null;
        for (String part : header.split(",")) {
            String p = part.trim();
            if (p.startsWith("t=")) {
                t = seconds(p.substring(2));
            } else if (p.startsWith("v1=") && v1 == null) {
                v1 = p.substring(3);
            }
        }
        if (t == null || v1 == null) {
            return false;
        }
        long now = clock.millis() / 1000;
        if (Math.abs(now - t) > tolerance.toSeconds()) {
            return false;
        }
        byte[] expected = hmacHex(secret, t + "." + body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, v1.getBytes(StandardCharsets.US_ASCII));
    }

    private static Long seconds(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String hmacHex(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
