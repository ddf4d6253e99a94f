package io.qrpush.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The keys scan-to-login added: {@code login.createPerMinute}, {@code login.maxLoopLag} and
 * {@code server.trustedProxies}.
 */
class LoginConfigKeysTest {
    private static final String APP = MinimalApp.YAML;

    private static QrpushConfig parse(String yaml) throws Exception {
        return ConfigLoader.parse(new YAMLMapper().readTree(yaml), Map.of());
    }

    @Test
    void defaults() throws Exception {
        QrpushConfig c = parse(APP);
        assertThat(c.login().createPerMinute()).isEqualTo(120);
        assertThat(c.server().trustedProxies()).isEmpty();
        assertThat(c.login().maxLife()).isEqualTo(java.time.Duration.ofSeconds(240));
        assertThat(c.login().maxLoopLag()).isEqualTo(java.time.Duration.ofMillis(100));
    }

    @Test
    void read() throws Exception {
        QrpushConfig c = parse("""
                server: {trustedProxies: [10.0.0.0/8, "::1"]}
                login: {createPerMinute: 30, maxLoopLag: 200ms}
                """ + APP);
        assertThat(c.login().createPerMinute()).isEqualTo(30);
        assertThat(c.login().maxLoopLag()).isEqualTo(java.time.Duration.ofMillis(200));
        assertThat(parse("login: {maxLoopLag: 0s}\n" + APP).login().maxLoopLag()).as("0s turns it off").isZero();
        assertThat(c.server().trustedProxies()).containsExactly("10.0.0.0/8", "::1");
    }

    @Test
    void badValuesNameTheirKey() {
        ConfigException proxies = catchThrowableOfType(ConfigException.class, () -> parse("""
                server: {trustedProxies: [10.0.0.0/8, proxy.internal]}
                """ + APP));
        assertThat(proxies.problems()).anyMatch(p -> p.startsWith("server.trustedProxies[1]: 'proxy.internal'"));
        ConfigException rate = catchThrowableOfType(ConfigException.class, () -> parse("""
                login: {createPerMinute: 0}
                """ + APP));
        assertThat(rate.problems()).anyMatch(p -> p.startsWith("login.createPerMinute"));
        ConfigException lag = catchThrowableOfType(ConfigException.class, () -> parse("""
                login: {maxLoopLag: 50}
                """ + APP));
        assertThat(lag.problems()).anyMatch(p -> p.startsWith("login.maxLoopLag: '50' needs a unit"));
    }

    @Test
    void olderConstructorsKeepTheirMeaning() {
        assertThat(new LoginSettings(java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(1),
                java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(1)).createPerMinute()).isEqualTo(120);
        assertThat(new ServerSettings("h", 1, null).trustedProxies()).isEqualTo(List.of());
        assertThat(ServerSettings.defaults().withTrustedProxies(List.of("::1")).withPort(9).trustedProxies())
                .containsExactly("::1");
    }
}
