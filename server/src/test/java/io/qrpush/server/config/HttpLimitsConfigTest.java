package io.qrpush.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The keys against hostile clients: {@code limits.http*}, {@code limits.max*} and {@code server.metricsToken}. */
class HttpLimitsConfigTest {
    private static final String APP = """
            apps:
              - appkey: shop
                secret: 0123456789abcdef0123
                apiKey: fedcba9876543210fedc
            """;

    private static QrpushConfig parse(String yaml) throws Exception {
        return ConfigLoader.parse(new YAMLMapper().readTree(yaml), Map.of());
    }

    @Test
    void defaults() throws Exception {
        QrpushConfig c = parse(APP);
        assertThat(c.limits().http()).isEqualTo(HttpLimits.defaults());
        HttpLimits h = c.limits().http();
        assertThat(h.httpHeadTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(h.maxHeaderBytes()).isEqualTo(16384);
        assertThat(h.maxConnections()).as("derived at start").isZero();
        assertThat(c.server().metricsToken()).isNull();
    }

    @Test
    void read() throws Exception {
        QrpushConfig c = parse("""
                server: {metricsToken: prometheus-0123456789abcdef}
                limits: {httpHeadTimeout: 5s, httpBodyTimeout: 20s, httpBodyMinBytesPerSecond: 512,
                         httpIdleTimeout: 2m, maxHeaderBytes: 8192, maxBodyBytesInFlight: 1048576,
                         maxConnections: 5000, maxConnectionsPerIp: 50}
                """ + APP);
        assertThat(c.limits().http()).isEqualTo(new HttpLimits(Duration.ofSeconds(5), Duration.ofSeconds(20), 512,
                Duration.ofMinutes(2), 8192, 1 << 20, 5000, 50));
        assertThat(c.server().metricsToken()).isEqualTo("prometheus-0123456789abcdef");
    }

    @Test
    void badValuesNameTheirKey() {
        assertProblem("limits: {httpHeadTimeout: 10}", "limits.httpHeadTimeout: '10' needs a unit");
        assertProblem("limits: {httpIdleTimeout: 0s}", "limits.httpIdleTimeout: must be longer than zero");
        assertProblem("limits: {httpIdleTimeout: 200ms}", "limits.httpIdleTimeout: must be at least 1s");
        assertProblem("limits: {maxHeaderBytes: 100}", "limits.maxHeaderBytes: must be a whole number from 1024");
        assertProblem("limits: {maxConnections: -1}", "limits.maxConnections: must be a whole number from 0");
        assertProblem("limits: {maxContentBytes: 63000, maxBodyBytesInFlight: 65536}",
                "limits.maxBodyBytesInFlight: must hold at least one publish body");
        assertProblem("limits: {maxConnections: 100, maxConnectionsPerIp: 1000}",
                "limits.maxConnectionsPerIp: must not exceed limits.maxConnections (100)");
        assertProblem("server: {metricsToken: short}", "server.metricsToken: required, at least 16 characters");
    }

    private static void assertProblem(String yaml, String start) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> parse(yaml + "\n" + APP));
        assertThat(e).as(yaml).isNotNull();
        assertThat(e.problems()).as(yaml).anyMatch(p -> p.startsWith(start));
    }

    @Test
    void maxConnectionsIsDerivedFromTheOpenFileLimitLessAReserve() {
        HttpLimits derived = HttpLimits.defaults();
        assertThat(derived.maxConnectionsToAdmit(20_000)).isEqualTo(19_000);
        assertThat(derived.maxConnectionsToAdmit(1024)).as("at least 64 kept").isEqualTo(960);
        assertThat(derived.maxConnectionsToAdmit(-1)).as("an OS that does not tell").isEqualTo(10_000);
        assertThat(derived.withConnections(300, 10).maxConnectionsToAdmit(20_000)).isEqualTo(300);
    }

    @Test
    void aLargeBodyIsGivenLongerAtTheMinimumRate() {
        HttpLimits h = HttpLimits.defaults();
        assertThat(h.bodyTime(100)).isEqualTo(Duration.ofSeconds(10));
        assertThat(h.bodyTime(200 * 2048)).isEqualTo(Duration.ofSeconds(200));
    }
}
