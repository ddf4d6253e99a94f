package io.qrpush.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Close codes of PROTOCOL.md section 3 ("disconnect") and whether a client should come back. */
class CloseCodesTest {

    @Test
    void codesAreTheProtocolList() {
        assertThat(CloseCodes.NORMAL).isEqualTo(1000);
        assertThat(CloseCodes.SHUTTING_DOWN).isEqualTo(1001);
        assertThat(CloseCodes.FRAME_TOO_BIG).isEqualTo(1009);
        assertThat(CloseCodes.PROTOCOL_ERROR).isEqualTo(4000);
        assertThat(CloseCodes.UNAUTHORIZED).isEqualTo(4001);
        assertThat(CloseCodes.ORIGIN_NOT_ALLOWED).isEqualTo(4003);
        assertThat(CloseCodes.RATE_LIMITED).isEqualTo(4008);
        assertThat(CloseCodes.SLOW_CONSUMER).isEqualTo(4010);
        assertThat(CloseCodes.KICKED).isEqualTo(4011);
    }

    /** Transient trouble invites a reconnect; a verdict on the client itself does not. */
    @Test
    void reconnectOnlyAfterTransientCloses() {
        assertThat(CloseCodes.reconnectAfter(CloseCodes.SHUTTING_DOWN)).isTrue();
        assertThat(CloseCodes.reconnectAfter(CloseCodes.RATE_LIMITED)).isTrue();
        assertThat(CloseCodes.reconnectAfter(CloseCodes.SLOW_CONSUMER)).isTrue();
        assertThat(CloseCodes.reconnectAfter(1006)).as("abnormal closure").isTrue();
        assertThat(CloseCodes.reconnectAfter(CloseCodes.UNAUTHORIZED)).isFalse();
        assertThat(CloseCodes.reconnectAfter(CloseCodes.ORIGIN_NOT_ALLOWED)).isFalse();
        assertThat(CloseCodes.reconnectAfter(CloseCodes.KICKED)).isFalse();
        assertThat(CloseCodes.reconnectAfter(CloseCodes.PROTOCOL_ERROR)).isFalse();
        assertThat(CloseCodes.reconnectAfter(CloseCodes.FRAME_TOO_BIG)).isFalse();
    }
}
