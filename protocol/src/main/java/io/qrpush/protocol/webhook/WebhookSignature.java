package io.qrpush.protocol.webhook;

import io.qrpush.protocol.token.HmacSha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;

/**
 * The {@code X-Qrpush-Signature} header of a webhook request (docs/webhooks.md):
 * {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">} with the app's webhook secret.
 * The timestamp inside the signed text lets the receiver refuse a replayed old request. The
 * server signs with it and the SDK verifies with it, so the two cannot drift apart.
 */
public final class WebhookSignature {
    public static final String HEADER = "X-Qrpush-Signature";

    private WebhookSignature() {
    }

    /** The header's value for {@code body} sent at {@code epochSeconds}. */
    public static String header(String secret, long epochSeconds, String body) {
        return "t=" + epochSeconds + ",v1=" + hmacHex(secret, epochSeconds + "." + body);
    }

    /**
     * Whether {@code header} signs {@code body} with {@code secret} at a time within
     * {@code tolerance} of {@code nowEpochSeconds}. False for a missing, malformed, stale or wrong
     * signature; the comparison takes the same time wherever the signatures differ.
     */
    public static boolean verify(String secret, String header, String body, Duration tolerance, long nowEpochSeconds) {
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
        if (t == null || v1 == null || Math.abs(nowEpochSeconds - t) > tolerance.toSeconds()) {
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
        return HexFormat.of().formatHex(HmacSha256.of(secret, text.getBytes(StandardCharsets.UTF_8)));
    }
}
