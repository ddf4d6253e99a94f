package io.qrpush.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The {@code delay} window of a disconnect frame (protocol 1.1, draining). */
class ReconnectDelayTest {

    @Test
    void aWaitFallsInsideTheWindow() {
        ReconnectDelay d = new ReconnectDelay(1000, 3000);
        assertThat(d.pickMillis(0)).isEqualTo(1000);
        assertThat(d.pickMillis(0.5)).isEqualTo(2000);
        assertThat(d.pickMillis(1)).isEqualTo(3000);
    }

    @Test
    void windowsThatMakeNoSenseAreRefusedWhenBuilt() {
        assertThatThrownBy(() -> new ReconnectDelay(-1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReconnectDelay(10, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReconnectDelay(0, ReconnectDelay.MAX_MILLIS + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fromTheWireBadWindowsAreIgnoredAndLongOnesCut() {
        assertThat(ReconnectDelay.fromWire(10, 5)).isNull();
        assertThat(ReconnectDelay.fromWire(-1, 5)).isNull();
        assertThat(ReconnectDelay.fromWire(Double.NaN, 5)).isNull();
        assertThat(ReconnectDelay.fromWire(0, Double.POSITIVE_INFINITY)).isNull();
        assertThat(ReconnectDelay.fromWire(1, 1e300)).isEqualTo(new ReconnectDelay(1, ReconnectDelay.MAX_MILLIS));
        assertThat(ReconnectDelay.fromWire(1.9, 2.9)).isEqualTo(new ReconnectDelay(1, 2));
    }
}
