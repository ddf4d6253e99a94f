package io.qrpush.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The keys of login safety: {@code login.scansPerUserPerMinute} and the app option {@code numberMatching}. */
class LoginSafetyConfigTest {

    private static QrpushConfig parse(String yaml) throws Exception {
        return ConfigLoader.parse(new YAMLMapper().readTree(yaml), Map.of());
    }

    @Test
    void defaults() throws Exception {
        QrpushConfig c = parse(MinimalApp.YAML);
        assertThat(c.login().scansPerUserPerMinute()).isEqualTo(10);
        assertThat(c.apps().get(0).numberMatching()).isFalse();
        assertThat(LoginSettings.defaults().scansPerUserPerMinute()).isEqualTo(10);
    }

    @Test
    void read() throws Exception {
        QrpushConfig c = parse("""
                login: {scansPerUserPerMinute: 3}
                apps:
                  - appkey: shop
                    secret: 0123456789abcdef0123
                    apiKey: fedcba9876543210fedc
                    numberMatching: true
                """);
        assertThat(c.login().scansPerUserPerMinute()).isEqualTo(3);
        assertThat(c.apps().get(0).numberMatching()).isTrue();
        assertThat(c.login().withMaxLiveSessions(5).scansPerUserPerMinute()).as("kept by the withers").isEqualTo(3);
    }

    @Test
    void badValuesNameTheirKey() {
        ConfigException zero = catchThrowableOfType(ConfigException.class, () -> parse("""
                login: {scansPerUserPerMinute: 0}
                """ + MinimalApp.YAML));
        assertThat(zero.problems()).anyMatch(p -> p.startsWith("login.scansPerUserPerMinute"));
        ConfigException word = catchThrowableOfType(ConfigException.class, () -> parse("""
                apps:
                  - appkey: shop
                    secret: 0123456789abcdef0123
                    apiKey: fedcba9876543210fedc
                    numberMatching: sometimes
                """));
        assertThat(word.problems()).anyMatch(p -> p.startsWith("apps[0].numberMatching"));
    }
}
