package io.qrpush.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code server.drainWindow}: how long a shutdown spends telling clients to go (docs/configuration.md). */
class DrainWindowConfigTest {
    private static QrpushConfig parse(String yaml) throws Exception {
        return ConfigLoader.parse(new YAMLMapper().readTree(yaml + MinimalApp.YAML), Map.of());
    }

    private static String problems(String yaml) {
        return String.join("\n", catchThrowableOfType(ConfigException.class, () -> parse(yaml)).problems());
    }

    @Test
    void defaultsToTenSecondsAndReadsAnyDurationIncludingZero() throws Exception {
        assertThat(parse("").server().drainWindow()).isEqualTo(Duration.ofSeconds(10));
        assertThat(parse("server: {drainWindow: 30s}\n").server().drainWindow()).isEqualTo(Duration.ofSeconds(30));
        assertThat(parse("server: {drainWindow: 0s}\n").server().drainWindow()).as("all at once").isZero();
    }

    @Test
    void aMalformedOrTooLongWindowIsAnErrorNamingTheKey() {
        assertThat(problems("server: {drainWindow: ten}\n")).contains("server.drainWindow", "not a duration");
        assertThat(problems("server: {drainWindow: 10}\n")).contains("server.drainWindow", "needs a unit");
        assertThat(problems("server: {drainWindow: 6m}\n")).contains("server.drainWindow", "at most 5m");
    }
}
