package io.qrpush.server.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrpush.server.config.NamespaceSettings;
import io.qrpush.server.config.Namespaces;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The base of history and presence: a feature claims the channels of the namespaces that turn it on. */
class NamespacedFeatureTest {
    private static final Namespaces NAMESPACES = new Namespaces(List.of(
            new NamespaceSettings("news", 5, Duration.ofSeconds(300), false, false),
            new NamespaceSettings("room", 0, Duration.ofSeconds(300), true, true)));

    /** A feature for the namespaces with presence. */
    private static final class PresenceLike extends NamespacedFeature {
        PresenceLike() {
            super(NAMESPACES, NamespaceSettings::presence);
        }
    }

    @Test
    void itClaimsTheChannelsOfTheNamespacesThatTurnItOnAndReadsTheirSettings() {
        PresenceLike f = new PresenceLike();
        assertThat(f.claims("room:1")).isTrue();
        assertThat(f.claims("news:1")).isFalse();
        assertThat(f.claims("room")).isFalse();
        assertThat(f.claims("login:abc")).isFalse();
        assertThat(f.settings("room:1").joinLeave()).isTrue();
    }
}
