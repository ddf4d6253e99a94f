package io.qrpush.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An app's {@code webhook}: reading, defaults, and every refusal with its key path. */
class WebhookConfigTest {

    private static QrpushConfig parse(String webhookYaml) throws Exception {
        return ConfigLoader.parse(new YAMLMapper().readTree(MinimalApp.YAML + webhookYaml), Map.of());
    }

    private static List<String> problems(String webhookYaml) {
        return catchThrowableOfType(ConfigException.class, () -> parse(webhookYaml)).problems();
    }

    @Test
    void anAppWithoutAWebhookHasNone() throws Exception {
        assertThat(parse("").apps().get(0).webhook()).isNull();
    }

    @Test
    void aWebhookIsReadWithTheProtocolsDefaults() throws Exception {
        WebhookSettings w = parse("""
                    webhook:
                      url: https://backend.example/hooks
                      secret: hook-secret-0123456789
                      events: [login.confirmed, channel.vacated]
                """).apps().get(0).webhook();
        assertThat(w.url()).isEqualTo("https://backend.example/hooks");
        assertThat(w.events()).containsExactly("login.confirmed", "channel.vacated");
        assertThat(w.vacatedDelay()).isEqualTo(Duration.ofSeconds(3));
        assertThat(w.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(w.retryFor()).isEqualTo(Duration.ofMinutes(10));
        assertThat(w.toString()).doesNotContain("hook-secret");
        assertThat(parse("""
                    webhook: {url: "http://10.0.0.5:8080/h", secret: hook-secret-0123456789, events: [presence.join],
                              vacatedDelay: 10s, timeout: 2s, retryBackoff: 500ms, retryFor: 1h}
                """).apps().get(0).webhook()).isEqualTo(new WebhookSettings("http://10.0.0.5:8080/h",
                "hook-secret-0123456789", List.of("presence.join"), Duration.ofSeconds(10), Duration.ofSeconds(2),
                Duration.ofMillis(500), Duration.ofHours(1)));
    }

    @Test
    void badWebhooksAreRefusedNamingTheKey() {
        assertThat(problems("""
                    webhook: {url: "ftp://backend.example/h", secret: short, events: [login.confirmed, login.stolen]}
                """)).containsExactlyInAnyOrder(
                "apps[0].webhook.url: required, an http(s) URL like https://backend.example/qrpush-hooks",
                "apps[0].webhook.secret: required, at least 16 characters (generate one: openssl rand -base64 32)",
                "apps[0].webhook.events[1]: unknown event 'login.stolen' (known: "
                        + String.join(", ", WebhookSettings.EVENT_TYPES) + ")");
        assertThat(problems("""
                    webhook: {secret: hook-secret-0123456789, events: []}
                """)).containsExactlyInAnyOrder(
                "apps[0].webhook.url: required, an http(s) URL like https://backend.example/qrpush-hooks",
                "apps[0].webhook.events: list at least one of " + String.join(", ", WebhookSettings.EVENT_TYPES));
        assertThat(problems("""
                    webhook: {url: "https://user:pw@backend.example/", secret: hook-secret-0123456789,
                              events: [login.confirmed], retryBackoff: 2h}
                """)).containsExactlyInAnyOrder(
                "apps[0].webhook.url: required, an http(s) URL like https://backend.example/qrpush-hooks",
                "apps[0].webhook.retryBackoff: must not be longer than apps[0].webhook.retryFor");
        assertThat(problems("""
                    webhook: {url: "https://backend.example/", secret: hook-secret-0123456789, color: blue}
                """)).singleElement().asString().startsWith("apps[0].webhook.color: unknown key");
        assertThat(problems("""
                    webhook: https://backend.example/hooks
                """)).containsExactly("apps[0].webhook: must be a mapping of keys to values");
    }
}
