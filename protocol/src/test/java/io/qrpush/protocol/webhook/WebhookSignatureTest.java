package io.qrpush.protocol.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The signing side of the header, and its round trip through the verifying side. */
class WebhookSignatureTest {
    private static final String SECRET = "hook-secret-0123456789";
    private static final String BODY = "{\"events\":[{\"id\":\"e1\",\"type\":\"login.confirmed\",\"time\":1,\"data\":{}}]}";
    private static final long T = 1_800_000_000L;
    /**
     * HMAC-SHA256 of {@code "1800000000." + BODY} with {@link #SECRET}, computed outside this code:
     * {@code printf '%s' "1800000000.$BODY" | openssl dgst -sha256 -hmac "$SECRET"}.
     */
    private static final String V1 = "2b0caa09a19cc3d50213d1b5392d2caf66753dd30b59a03f4dc7d330c6f3ac11";

    @Test
    void theHeaderIsTheTimestampAndTheHexHmacOfTimestampDotBody() {
        assertThat(WebhookSignature.header(SECRET, T, BODY)).isEqualTo("t=" + T + ",v1=" + V1);
    }

    @Test
    void whatTheServerSignsVerifiesAndNothingElseDoes() {
        String header = WebhookSignature.header(SECRET, T, BODY);
        Duration tolerance = Duration.ofMinutes(5);
        assertThat(WebhookSignature.verify(SECRET, header, BODY, tolerance, T + 300)).isTrue();
        assertThat(WebhookSignature.verify(SECRET, header, BODY, tolerance, T + 301)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, header, BODY + "x", tolerance, T)).isFalse();
        assertThat(WebhookSignature.verify("other-secret", header, BODY, tolerance, T)).isFalse();
    }
}
