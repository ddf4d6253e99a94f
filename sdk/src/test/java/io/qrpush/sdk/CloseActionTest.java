package io.qrpush.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrpush.protocol.ServerFrame;
import org.junit.jupiter.api.Test;

class CloseActionTest {

    @Test
    void unauthorizedOriginAndKickStop() {
        assertThat(CloseAction.of(4001, null)).isEqualTo(CloseAction.STOP);
        assertThat(CloseAction.of(4003, null)).isEqualTo(CloseAction.STOP);
        assertThat(CloseAction.of(4011, null)).isEqualTo(CloseAction.STOP);
    }

    @Test
    void everythingElseReconnectsAndRateLimitingSlowsDown() {
        for (int code : new int[] {1000, 1001, 1006, 1009, 1011, 4000, 4010}) {
            assertThat(CloseAction.of(code, null)).as("%d", code).isEqualTo(CloseAction.RETRY);
        }
        assertThat(CloseAction.of(4008, null)).isEqualTo(CloseAction.SLOW);
    }

    @Test
    void theServersDisconnectFrameWins() {
        assertThat(CloseAction.of(1000, new ServerFrame.Disconnect(1001, "shutdown", false))).isEqualTo(CloseAction.STOP);
        assertThat(CloseAction.of(1006, new ServerFrame.Disconnect(4011, "kicked", true))).isEqualTo(CloseAction.STOP);
        assertThat(CloseAction.of(4001, new ServerFrame.Disconnect(1001, "shutdown", true))).isEqualTo(CloseAction.RETRY);
        assertThat(CloseAction.of(1006, new ServerFrame.Disconnect(4008, "slow down", true))).isEqualTo(CloseAction.SLOW);
    }
}
