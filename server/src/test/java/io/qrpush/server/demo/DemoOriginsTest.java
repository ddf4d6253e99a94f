package io.qrpush.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrpush.server.config.AppConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoOriginsTest {
    private static final AppConfig DEMO = new AppConfig("demo", "s", "k",
            List.of("http://localhost:8080", "http://127.0.0.1:8080"), "http://localhost:8080/demo/phone?key={key}",
            false, false);

    @Test
    void theShippedConfigOnItsOwnPortIsFine() {
        assertThat(DemoOrigins.problems(DEMO, 8080, false)).isEmpty();
    }

    @Test
    void anotherPortNamesTheKeysToChange() {
        assertThat(DemoOrigins.problems(DEMO, 9090, false)).satisfiesExactly(
                origins -> assertThat(origins).contains("apps[demo].allowedOrigins", "add http://localhost:9090"),
                qr -> assertThat(qr).contains("apps[demo].qrUrl", "port 8080", "listens on 9090"));
    }

    @Test
    void defaultPortsAreLeftOutAsOriginsWriteThem() {
        AppConfig tls = new AppConfig("demo", "s", "k", List.of("https://localhost"), "https://localhost/p?k={key}",
                false, false);
        assertThat(DemoOrigins.problems(tls, 443, true)).isEmpty();
    }
}
