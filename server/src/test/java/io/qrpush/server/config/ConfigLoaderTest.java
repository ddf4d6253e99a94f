package io.qrpush.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private static final String APP = """
            apps:
              - appkey: shop
                secret: 0123456789abcdef0123
                apiKey: fedcba9876543210fedc
                allowedOrigins: [https://shop.example, "http://localhost:3000"]
                qrUrl: https://shop.example/qr?k={key}
            """;

    private static QrpushConfig parse(String yaml) throws Exception {
        return parse(yaml, Map.of());
    }

    private static QrpushConfig parse(String yaml, Map<String, String> env) throws Exception {
        return ConfigLoader.parse(new YAMLMapper().readTree(yaml), env);
    }

    private static ConfigException problems(String yaml) {
        return (ConfigException) org.assertj.core.api.Assertions.catchThrowable(() -> parse(yaml));
    }

    @Test
    void aMinimalFileGetsTheDocumentedDefaults() throws Exception {
        QrpushConfig c = parse(APP);
        assertThat(c.server()).isEqualTo(ServerSettings.defaults());
        assertThat(c.limits()).isEqualTo(Limits.defaults());
        assertThat(c.limits().maxFrameBytes()).isEqualTo(65536);
        assertThat(c.limits().dedupeWindow()).isEqualTo(Duration.ofSeconds(120));
        assertThat(c.login()).isEqualTo(LoginSettings.defaults());
        assertThat(c.broker().type()).isEqualTo("memory");
        assertThat(c.apps()).singleElement().satisfies(a -> {
            assertThat(a.appkey()).isEqualTo("shop");
            assertThat(a.anonymousPublish()).isFalse();
            assertThat(a.revealUserOnScan()).isFalse();
        });
    }

    @Test
    void durationsAndNumbersAreRead() throws Exception {
        QrpushConfig c = parse("""
                limits: {pingInterval: 500ms, idleTimeout: 2m, maxSubscriptions: 7}
                login: {loginTtl: 1h}
                """ + APP);
        assertThat(c.limits().pingInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.limits().idleTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.limits().maxSubscriptions()).isEqualTo(7);
        assertThat(c.login().loginTtl()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void ioThreadsDefaultToOnePerCore() throws Exception {
        assertThat(parse(APP).server().ioThreadsToStart()).isEqualTo(Runtime.getRuntime().availableProcessors());
        QrpushConfig c = parse("server: {ioThreads: 3}\n" + APP);
        assertThat(c.server().ioThreads()).isEqualTo(3);
        assertThat(c.server().ioThreadsToStart()).isEqualTo(3);
        assertThat(problems("server: {ioThreads: -1}\n" + APP).problems())
                .anySatisfy(p -> assertThat(p).startsWith("server.ioThreads:"));
    }

    @Test
    void everyProblemIsNamedByItsKeyPathAtOnce() {
        ConfigException e = problems("""
                server: {port: 70000, colour: blue}
                limits: {pingInterval: 10 seconds, maxFrameBytes: lots}
                apps:
                  - appkey: "bad key"
                    secret: short
                    apiKey: short
                    allowedOrigins: [https://x.example/path]
                    qrUrl: ftp://x
                    surprise: true
                """);
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("server.port:").contains("65535"))
                .anySatisfy(p -> assertThat(p).startsWith("server.colour: unknown key"))
                .anySatisfy(p -> assertThat(p).startsWith("limits.pingInterval:").contains("10 seconds"))
                .anySatisfy(p -> assertThat(p).startsWith("limits.maxFrameBytes:"))
                .anySatisfy(p -> assertThat(p).startsWith("apps[0].surprise: unknown key"));
    }

    @Test
    void crossKeyChecksRunOnceTheValuesAreRead() {
        ConfigException e = problems("""
                limits: {maxContentBytes: 70000, pingInterval: 30s, idleTimeout: 20s}
                broker: {type: zeromq}
                apps:
                  - appkey: "bad key"
                    secret: short
                    apiKey: short
                    allowedOrigins: [https://x.example/path]
                    qrUrl: ftp://x
                  - appkey: dup
                    secret: 0123456789abcdef0123
                    apiKey: 0123456789abcdef0123
                  - appkey: dup
                    secret: 0123456789abcdef0124
                    apiKey: 0123456789abcdef0125
                """);
        assertThat(e.problems())
                .anySatisfy(p -> assertThat(p).startsWith("limits.maxContentBytes:"))
                .anySatisfy(p -> assertThat(p).startsWith("limits.idleTimeout:"))
                .anySatisfy(p -> assertThat(p).startsWith("broker.type:").contains("zeromq"))
                .anySatisfy(p -> assertThat(p).startsWith("apps[0].appkey:"))
                .anySatisfy(p -> assertThat(p).startsWith("apps[0].secret:"))
                .anySatisfy(p -> assertThat(p).startsWith("apps[0].allowedOrigins[0]:"))
                .anySatisfy(p -> assertThat(p).startsWith("apps[0].qrUrl:"))
                .anySatisfy(p -> assertThat(p).startsWith("apps[1].apiKey: must differ from the secret"))
                .anySatisfy(p -> assertThat(p).startsWith("apps[2].appkey:").contains("used by another app"));
    }

    @Test
    void secretsNeverAppearInProblemsOrToString() throws Exception {
        ConfigException e = problems("""
                apps:
                  - appkey: a
                    secret: tooshort-secret
                    apiKey: tooshort-secret
                """);
        assertThat(e.getMessage()).doesNotContain("tooshort-secret");
        assertThat(parse(APP).apps().get(0).toString()).doesNotContain("0123456789abcdef0123")
                .doesNotContain("fedcba9876543210fedc");
    }

    @Test
    void noAppsIsAnError() {
        assertThat(problems("server: {port: 1}").problems()).anySatisfy(p -> assertThat(p).startsWith("apps:"));
    }

    @Test
    void environmentOverridesPortHostAndRedis() throws Exception {
        QrpushConfig c = parse(APP, Map.of("QRPUSH_PORT", "9999", "QRPUSH_HOST", "127.0.0.9",
                "QRPUSH_REDIS_URI", "redis://127.0.0.1:6390"));
        assertThat(c.server().port()).isEqualTo(9999);
        assertThat(c.server().host()).isEqualTo("127.0.0.9");
        assertThat(c.broker().redis()).isEqualTo("redis://127.0.0.1:6390");
        assertThat(problems2(Map.of("QRPUSH_PORT", "eighty")).problems())
                .anySatisfy(p -> assertThat(p).startsWith("QRPUSH_PORT (environment)"));
    }

    private static ConfigException problems2(Map<String, String> env) {
        return (ConfigException) org.assertj.core.api.Assertions.catchThrowable(() -> parse(APP, env));
    }

    @Test
    void theShippedConfigurationLoads(@TempDir Path dir) throws Exception {
        Path shipped = Path.of("..", "config", "qrpush.yaml");
        QrpushConfig c = ConfigLoader.load(shipped, Map.of());
        assertThat(c.apps()).extracting(AppConfig::appkey).contains("demo");
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "apps: [\n");
        assertThatThrownBy(() -> ConfigLoader.load(broken, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("broken.yaml");
    }

    @Test
    void tlsNeedsBothReadableFiles(@TempDir Path dir) throws Exception {
        Path cert = Files.writeString(dir.resolve("cert.pem"), "x");
        Path key = Files.writeString(dir.resolve("key.pem"), "x");
        QrpushConfig c = parse("server: {tls: {certificate: " + cert + ", privateKey: " + key + "}}\n" + APP);
        assertThat(c.server().tls()).isEqualTo(new TlsSettings(cert.toString(), key.toString()));
        assertThat(parse(APP).server().tls()).isNull();
        assertThat(problems("server: {tls: {certificate: " + cert + ", keyfile: k}}\n" + APP).problems())
                .anySatisfy(p -> assertThat(p).startsWith("server.tls.keyfile: unknown key"));
        assertThat(problems("server: {tls: {certificate: " + cert + "}}\n" + APP).problems())
                .anySatisfy(p -> assertThat(p).startsWith("server.tls.privateKey: required"));
        assertThat(problems("server: {tls: {certificate: /nonexistent.pem, privateKey: " + key + "}}\n" + APP)
                .problems()).anySatisfy(p -> assertThat(p).startsWith("server.tls.certificate:")
                .contains("/nonexistent.pem"));
    }
}
