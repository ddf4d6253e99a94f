package io.qrpush.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code broker.partitions}: how many shard channels carry publications on a Redis Cluster. */
class BrokerPartitionsConfigTest {

    private static QrpushConfig parse(String yaml) throws Exception {
        return ConfigLoader.parse(new YAMLMapper().readTree(yaml + MinimalApp.YAML), Map.of());
    }

    @Test
    void defaultsTo128AndReadsAWholeNumberUpTo1024() throws Exception {
        assertThat(parse("").broker().partitions()).isEqualTo(128);
        assertThat(parse("broker: {partitions: 16}\n").broker().partitions()).isEqualTo(16);
        assertThat(parse("broker: {partitions: 1024}\n").broker().partitions()).isEqualTo(1024);
    }

    @Test
    void anythingElseIsAnErrorNamingTheKey() {
        for (String bad : new String[] {"0", "1025", "-3", "2.5", "many"}) {
            ConfigException e = catchThrowableOfType(ConfigException.class,
                    () -> parse("broker: {partitions: " + bad + "}\n"));
            assertThat(e).as(bad).isNotNull();
            assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("broker.partitions: must be a whole number"));
        }
    }
}
