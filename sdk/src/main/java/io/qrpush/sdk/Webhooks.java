package io.qrpush.sdk;

import io.qrpush.protocol.webhook.WebhookSignature;
import java.time.Clock;
import java.time.Duration;

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
 * The format is the server's own ({@link WebhookSignature}), shared through the protocol module.
 */
public final class Webhooks {
    /** The header qrpush signs its webhook requests in. */
    public static final String SIGNATURE_HEADER = WebhookSignature.HEADER;

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
        return WebhookSignature.verify(secret, header, body, tolerance, clock.millis() / 1000);
    }
}
