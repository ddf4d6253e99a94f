package io.qrpush.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Close codes of docs/protocol.md section 3 ("disconnect"). */
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
}
