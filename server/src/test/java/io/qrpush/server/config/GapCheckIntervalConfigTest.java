package io.qrpush.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code broker.gapCheckInterval}: how often a node looks for live gaps no later publication shows. */
class GapCheckIntervalConfigTest {

    private static QrpushConfig parse(String yaml) throws Exception {
        return ConfigLoader.parse(new YAMLMapper().readTree(yaml + MinimalApp.YAML), Map.of());
    }

    @Test
    void defaultsTo10sAndTakesZeroForOff() throws Exception {
        assertThat(parse("").broker().gapCheckInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(parse("broker: {gapCheckInterval: 2s}\n").broker().gapCheckInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(parse("broker: {gapCheckInterval: 100ms}\n").broker().gapCheckInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(parse("broker: {gapCheckInterval: 0s}\n").broker().gapCheckInterval()).isZero();
    }

    @Test
    void tooOftenTooRarelyOrNotADurationIsAnErrorNamingTheKey() {
        for (String bad : new String[] {"10ms", "11m", "soon", "-1s"}) {
            ConfigException e = catchThrowableOfType(ConfigException.class,
                    () -> parse("broker: {gapCheckInterval: " + bad + "}\n"));
            assertThat(e).as(bad).isNotNull();
            assertThat(e.problems()).as(bad).anySatisfy(p -> assertThat(p).startsWith("broker.gapCheckInterval: "));
        }
    }
}
