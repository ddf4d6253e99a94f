package io.qrpush.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DemoSettingsTest {
    private static final String APP = """
            apps:
              - appkey: demo
                secret: 0123456789abcdef0123
                apiKey: fedcba9876543210fedc
                qrUrl: http://localhost:8080/demo/phone?key={key}
            """;

    private static QrpushConfig parse(String yaml, Map<String, String> env) throws Exception {
        return ConfigLoader.parse(new YAMLMapper().readTree(yaml), env);
    }

    private static ConfigException refused(String yaml, Map<String, String> env) {
        return catchThrowableOfType(ConfigException.class, () -> parse(yaml, env));
    }

    @Test
    void offUnlessTheFileTurnsItOn() throws Exception {
        assertThat(parse(APP, Map.of()).demo()).isEqualTo(new DemoSettings(false, false, "demo"));
        assertThat(parse("server: {host: 127.0.0.1}\ndemo: {enabled: true}\n" + APP, Map.of()).demo())
                .isEqualTo(new DemoSettings(true, false, "demo"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "localhost", "LocalHost", "::1", "[::1]"})
    void runsOnLoopbackHosts(String host) throws Exception {
        QrpushConfig c = parse("server: {host: \"" + host + "\"}\ndemo: {enabled: true}\n" + APP, Map.of());
        assertThat(c.demo().enabled()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "192.168.1.20", "::", "push.example.com"})
    void aNonLoopbackHostIsRefusedNamingTheKey(String host) {
        ConfigException e = refused("server: {host: \"" + host + "\"}\ndemo: {enabled: true}\n" + APP, Map.of());
        assertThat(e).isNotNull();
        assertThat(e.problems()).singleElement().asString().startsWith("demo.allowNonLoopback:")
                .contains("'" + host + "'");
    }

    @Test
    void theDefaultHostIsNotLoopback() {
        // server.host defaults to 0.0.0.0: a file that only says "demo: on" must not expose it.
        assertThat(refused("demo: {enabled: true}\n" + APP, Map.of()).problems())
                .singleElement().asString().startsWith("demo.allowNonLoopback:");
    }

    @Test
    void theEnvironmentHostCountsToo() {
        ConfigException e = refused("server: {host: 127.0.0.1}\ndemo: {enabled: true}\n" + APP,
                Map.of("QRPUSH_HOST", "0.0.0.0"));
        assertThat(e.problems()).singleElement().asString().startsWith("demo.allowNonLoopback:");
    }

    @Test
    void allowNonLoopbackSaysItOnPurpose() throws Exception {
        QrpushConfig c = parse("server: {host: 0.0.0.0}\ndemo: {enabled: true, allowNonLoopback: true}\n" + APP,
                Map.of());
        assertThat(c.demo()).isEqualTo(new DemoSettings(true, true, "demo"));
    }

    @Test
    void aDisabledDemoAllowsAnyHost() throws Exception {
        assertThat(parse("server: {host: 0.0.0.0}\ndemo: {enabled: false}\n" + APP, Map.of()).demo().enabled())
                .isFalse();
    }

    @Test
    void theAppkeyMustNameAnApp() {
        ConfigException e = refused("server: {host: 127.0.0.1}\ndemo: {enabled: true, appkey: shop}\n" + APP,
                Map.of());
        assertThat(e.problems()).containsExactly("demo.appkey: no app in apps has appkey 'shop'");
    }

    @Test
    void unknownKeysAndBadValuesAreNamed() {
        ConfigException e = refused("server: {host: 127.0.0.1}\ndemo: {enabled: yes please, port: 1}\n" + APP,
                Map.of());
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("demo.enabled: must be true or false"))
                .anySatisfy(p -> assertThat(p).startsWith("demo.port: unknown key"));
    }
}
