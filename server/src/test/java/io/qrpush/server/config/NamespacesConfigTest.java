package io.qrpush.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code namespaces:}: reading, defaults, the channel lookup and every refusal with its key path. */
class NamespacesConfigTest {
    private static final String APP = MinimalApp.YAML;

    private static QrpushConfig parse(String yaml) throws Exception {
        return ConfigLoader.parse(new YAMLMapper().readTree(yaml + "\n" + APP), Map.of());
    }

    private static List<String> problems(String yaml) {
        return catchThrowableOfType(ConfigException.class, () -> parse(yaml)).problems();
    }

    @Test
    void withoutNamespacesNoChannelKeepsAnything() throws Exception {
        QrpushConfig c = parse("");
        assertThat(c.namespaces().all()).isEmpty();
        NamespaceSettings news = c.namespaces().forChannel("news:1");
        assertThat(news.hasHistory()).isFalse();
        assertThat(news.presence()).isFalse();
        assertThat(news.name()).isEqualTo("news");
    }

    @Test
    void namespacesAreReadWithTheirDefaults() throws Exception {
        QrpushConfig c = parse("""
                namespaces:
                  - {name: news, historySize: 100, historyTtl: 5m, presence: true, joinLeave: true}
                  - {name: "", historySize: 10}
                  - {name: room, presence: true}
                """);
        assertThat(c.namespaces().all()).containsExactly(
                new NamespaceSettings("news", 100, Duration.ofMinutes(5), true, true),
                new NamespaceSettings("", 10, NamespaceSettings.DEFAULT_HISTORY_TTL, false, false),
                new NamespaceSettings("room", 0, NamespaceSettings.DEFAULT_HISTORY_TTL, true, false));
    }

    @Test
    void aChannelGetsTheSettingsOfThePartBeforeItsFirstColon() throws Exception {
        Namespaces n = parse("""
                namespaces:
                  - {name: news, historySize: 100}
                  - {name: "", historySize: 10}
                """).namespaces();
        assertThat(n.forChannel("news:1").historySize()).isEqualTo(100);
        assertThat(n.forChannel("news:a:b").historySize()).as("only the first ':' splits").isEqualTo(100);
        assertThat(n.forChannel("news").historySize()).as("no ':' is the \"\" namespace").isEqualTo(10);
        assertThat(n.forChannel("newsroom:1").hasHistory()).isFalse();
        assertThat(n.forChannel("login:abc").hasHistory()).isFalse();
    }

    @Test
    void loginIsNotConfigurable() {
        assertThat(problems("namespaces: [{name: login, historySize: 5}]"))
                .singleElement().asString().startsWith("namespaces[0].name:").contains("not configurable");
    }

    @Test
    void valuesOfTheWrongTypeOrRangeAreNamedByTheirKeyPath() {
        List<String> p = problems("""
                namespaces:
                  - {name: ok}
                  - {name: big, historySize: 10001}
                  - {name: neg, historySize: -1}
                  - {name: typo, histroySize: 3}
                  - {name: word, presence: yes please}
                  - {name: dur, historyTtl: 5 minutes}
                """);
        assertThat(p).anySatisfy(s -> assertThat(s).startsWith("namespaces[1].historySize:").contains("0 to 10000"))
                .anySatisfy(s -> assertThat(s).startsWith("namespaces[2].historySize:"))
                .anySatisfy(s -> assertThat(s).startsWith("namespaces[3].histroySize:").contains("unknown key"))
                .anySatisfy(s -> assertThat(s).startsWith("namespaces[4].presence:"))
                .anySatisfy(s -> assertThat(s).startsWith("namespaces[5].historyTtl:"))
                .hasSize(5);
    }

    @Test
    void checksAcrossKeysAreNamedByTheirKeyPath() {
        List<String> p = problems("""
                namespaces:
                  - {name: ok}
                  - {name: "a:b"}
                  - {name: short, historyTtl: 500ms}
                  - {name: long, historyTtl: 25h}
                  - {name: jl, joinLeave: true}
                  - {name: ok}
                  - {historySize: 3}
                """);
        assertThat(p).anySatisfy(s -> assertThat(s).startsWith("namespaces[1].name:").contains("no ':'"))
                .anySatisfy(s -> assertThat(s).startsWith("namespaces[2].historyTtl:").contains("1s to 24h"))
                .anySatisfy(s -> assertThat(s).startsWith("namespaces[3].historyTtl:"))
                .anySatisfy(s -> assertThat(s).startsWith("namespaces[4].joinLeave:").contains("presence"))
                .anySatisfy(s -> assertThat(s).startsWith("namespaces[5].name:").contains("twice"))
                .anySatisfy(s -> assertThat(s).startsWith("namespaces[6].name:").contains("required"))
                .hasSize(6);
    }

    @Test
    void namespacesMustBeAList() {
        assertThat(problems("namespaces: {name: news}")).singleElement().asString().startsWith("namespaces:");
    }
}
