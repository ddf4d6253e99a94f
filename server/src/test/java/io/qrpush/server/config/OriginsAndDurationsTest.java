package io.qrpush.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OriginsAndDurationsTest {

    @Test
    void originsAreNormalisedToSchemeHostAndNonDefaultPort() {
        assertThat(Origins.normalise("https://Example.COM")).isEqualTo("https://example.com");
        assertThat(Origins.normalise("https://example.com:443")).isEqualTo("https://example.com");
        assertThat(Origins.normalise("http://example.com:80")).isEqualTo("http://example.com");
        assertThat(Origins.normalise("http://example.com:8080")).isEqualTo("http://example.com:8080");
        assertThat(Origins.normalise("https://example.com:80")).isEqualTo("https://example.com:80");
    }

    @Test
    void anythingButABareHttpOriginIsRefused() {
        assertThat(Origins.normalise(null)).isNull();
        assertThat(Origins.normalise("null")).isNull();
        assertThat(Origins.normalise("file://x")).isNull();
        assertThat(Origins.normalise("https://example.com/")).isNull();
        assertThat(Origins.normalise("https://example.com/login")).isNull();
        assertThat(Origins.normalise("https://user@example.com")).isNull();
        assertThat(Origins.normalise("https://example.com?x=1")).isNull();
        assertThat(Origins.normalise("not a url")).isNull();
    }

    @Test
    void durationsTakeMsSecondsMinutesAndHours() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(Durations.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> Durations.parse("10")).hasMessageContaining("needs a unit");
        assertThatThrownBy(() -> Durations.parse("ten seconds")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> Durations.parse("-1s")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> Durations.parse("99999999999999s")).hasMessageContaining("not a duration");
    }
}
