package io.qrpush.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The keys scan-to-login added: {@code login.createPerMinute}, {@code login.maxLoopLag}, the
 * other login budgets, {@code server.trustedProxies} and {@code server.forwardedHeader}.
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

    @Test
    void budgetsAndTheForwardingHeader() throws Exception {
        QrpushConfig d = parse(APP);
        assertThat(d.login().unknownKeysPerMinute()).isEqualTo(60);
        assertThat(d.login().failedRedeemsPerMinute()).isEqualTo(600);
        assertThat(d.login().maxLiveSessions()).isEqualTo(LoginSettings.defaultMaxLiveSessions())
                .isGreaterThanOrEqualTo(10_000);
        assertThat(d.server().forwardedHeader()).isEqualTo("X-Forwarded-For");
        QrpushConfig c = parse("""
                server: {forwardedHeader: Forwarded}
                login: {unknownKeysPerMinute: 5, failedRedeemsPerMinute: 7, maxLiveSessions: 100}
                """ + APP);
        assertThat(c.server().forwardedHeader()).isEqualTo("Forwarded");
        assertThat(c.login().unknownKeysPerMinute()).isEqualTo(5);
        assertThat(c.login().failedRedeemsPerMinute()).isEqualTo(7);
        assertThat(c.login().maxLiveSessions()).isEqualTo(100);
        assertThat(c.login().withCreatePerMinute(3).maxLiveSessions()).as("withers keep the rest").isEqualTo(100);
    }

    @Test
    void badBudgetsAndHeadersNameTheirKey() {
        ConfigException header = catchThrowableOfType(ConfigException.class, () -> parse("""
                server: {forwardedHeader: X-Real-IP}
                """ + APP));
        assertThat(header.problems()).anyMatch(p -> p.startsWith("server.forwardedHeader: must be X-Forwarded-For or"
                + " Forwarded") && p.contains("'X-Real-IP'"));
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> parse("""
                login: {unknownKeysPerMinute: 0, failedRedeemsPerMinute: -1, maxLiveSessions: lots}
                """ + APP));
        assertThat(e.problems()).anyMatch(p -> p.startsWith("login.unknownKeysPerMinute: must be a whole number"));
        assertThat(e.problems()).anyMatch(p -> p.startsWith("login.failedRedeemsPerMinute: must be a whole number"));
        assertThat(e.problems()).anyMatch(p -> p.startsWith("login.maxLiveSessions: must be a whole number"));
    }
}
