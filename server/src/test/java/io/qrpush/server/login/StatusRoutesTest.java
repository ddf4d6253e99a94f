package io.qrpush.server.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qrpush.protocol.ProtocolException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StatusRoutesTest {
    @Test
    void aWaitIsReadInSecondsOrMillisecondsAndClampedToThirtySeconds() throws Exception {
        assertThat(StatusRoutes.waitOf(null)).isEqualTo(Duration.ofSeconds(25));
        assertThat(StatusRoutes.waitOf("25s")).isEqualTo(Duration.ofSeconds(25));
        assertThat(StatusRoutes.waitOf("12")).isEqualTo(Duration.ofSeconds(12));
        assertThat(StatusRoutes.waitOf("1500ms")).isEqualTo(Duration.ofMillis(1500));
        assertThat(StatusRoutes.waitOf("0s")).isZero();
        assertThat(StatusRoutes.waitOf("31s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(StatusRoutes.waitOf("999999999")).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void anythingElseIsABadRequest() {
        for (String bad : new String[] {"", "soon", "-1s", "1.5s", "25m", "9999999999"}) {
            assertThatThrownBy(() -> StatusRoutes.waitOf(bad)).as(bad).isInstanceOf(ProtocolException.class);
        }
    }
}
