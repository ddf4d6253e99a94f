package io.qrpush.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code admin.token}: absent turns the page off; shorter than 32 characters is a configuration error naming it. */
class AdminConfigTest {
    private static QrpushConfig parse(String yaml) throws Exception {
        return ConfigLoader.parse(new YAMLMapper().readTree(yaml), Map.of());
    }

    @Test
    void offByDefault() throws Exception {
        assertThat(parse(MinimalApp.YAML).admin().enabled()).isFalse();
    }

    @Test
    void aLongTokenTurnsThePageOn() throws Exception {
        String token = "a".repeat(AdminSettings.MIN_TOKEN_LENGTH);
        QrpushConfig c = parse("admin: {token: " + token + "}\n" + MinimalApp.YAML);
        assertThat(c.admin().enabled()).isTrue();
        assertThat(c.admin().token()).isEqualTo(token);
        assertThat(c.withLimits(c.limits()).admin()).as("the with-methods keep it").isEqualTo(c.admin());
    }

    @Test
    void aShortTokenOrAnUnknownKeyIsRefusedByName() {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> parse("admin: {token: " + "a".repeat(AdminSettings.MIN_TOKEN_LENGTH - 1) + "}\n" + MinimalApp.YAML));
        assertThat(e.problems()).singleElement().asString().startsWith("admin.token:").contains("32");
        ConfigException unknown = catchThrowableOfType(ConfigException.class,
                () -> parse("admin: {password: x}\n" + MinimalApp.YAML));
        assertThat(unknown.problems()).singleElement().asString().contains("admin.password");
    }
}
