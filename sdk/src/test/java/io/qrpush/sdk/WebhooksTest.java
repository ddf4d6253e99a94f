package io.qrpush.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class WebhooksTest {
    private static final String SECRET = "hook-secret-0123456789";
    private static final String BODY = "{\"events\":[{\"id\":\"e1\",\"type\":\"login.confirmed\",\"time\":1,\"data\":{}}]}";
    private static final long T = 1_800_000_000L;
    /**
     * HMAC-SHA256 of {@code "1800000000." + BODY} with {@link #SECRET}, computed outside this code:
     * {@code printf '%s' "1800000000.$BODY" | openssl dgst -sha256 -hmac "$SECRET"}.
     */
    private static final String V1 = "2b0caa09a19cc3d50213d1b5392d2caf66753dd30b59a03f4dc7d330c6f3ac11";
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    private static Clock at(long epochSeconds) {
        return Clock.fixed(Instant.ofEpochSecond(epochSeconds), ZoneOffset.UTC);
    }

    private static String header() {
        return "t=" + T + ",v1=" + V1;
    }

    @Test
    void acceptsTheSignatureOfTheBodyWithinTheTolerance() {
        assertThat(Webhooks.verify(SECRET, header(), BODY, FIVE_MINUTES, at(T))).isTrue();
        assertThat(Webhooks.verify(SECRET, header(), BODY, FIVE_MINUTES, at(T + 300))).isTrue();
        assertThat(Webhooks.verify(SECRET, " v1=" + V1 + ", t=" + T, BODY, FIVE_MINUTES, at(T - 300))).isTrue();
    }

    @Test
    void refusesAStaleOrFutureTimestamp() {
        assertThat(Webhooks.verify(SECRET, header(), BODY, FIVE_MINUTES, at(T + 301))).isFalse();
        assertThat(Webhooks.verify(SECRET, header(), BODY, FIVE_MINUTES, at(T - 301))).isFalse();
    }

    @Test
    void refusesAnotherBodySecretOrTimestamp() {
        assertThat(Webhooks.verify(SECRET, header(), BODY + " ", FIVE_MINUTES, at(T))).isFalse();
        assertThat(Webhooks.verify(SECRET + "x", header(), BODY, FIVE_MINUTES, at(T))).isFalse();
        assertThat(Webhooks.verify(SECRET, "t=" + (T + 1) + ",v1=" + V1, BODY, FIVE_MINUTES, at(T))).isFalse();
        assertThat(Webhooks.verify(SECRET, "t=" + T + ",v1=" + V1.toUpperCase(), BODY, FIVE_MINUTES, at(T))).isFalse();
    }

    @Test
    void refusesMalformedHeaders() {
        for (String bad : new String[] {null, "", "v1=" + V1, "t=" + T, "t=soon,v1=" + V1, "t=" + T + ",v1=",
                "garbage"}) {
            assertThat(Webhooks.verify(SECRET, bad, BODY, FIVE_MINUTES, at(T))).as(String.valueOf(bad)).isFalse();
        }
        assertThat(Webhooks.verify("", header(), BODY, FIVE_MINUTES, at(T))).isFalse();
    }
}
