package io.qrpush.protocol.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrpush.protocol.ReconnectDelay;
import io.qrpush.protocol.ServerFrame;
import org.junit.jupiter.api.Test;

/** The close-code policy in readable cases; the full table is in the shared vectors. */
class ClosePolicyTest {

    @Test
    void withoutAFrameUnauthorizedOriginAndKickStop() {
        assertThat(ClosePolicy.decide(4001, null).reconnect()).isFalse();
        assertThat(ClosePolicy.decide(4003, null).reconnect()).isFalse();
        assertThat(ClosePolicy.decide(4011, null).reconnect()).isFalse();
    }

    @Test
    void everythingElseReconnectsAndRateLimitingWaitsLonger() {
        for (int code : new int[] {1000, 1001, 1006, 1009, 1011, 4000, 4010}) {
            assertThat(ClosePolicy.decide(code, null)).as("%d", code)
                    .isEqualTo(new CloseDecision(true, BackoffClass.NORMAL, null));
        }
        assertThat(ClosePolicy.decide(4008, null).backoff()).isEqualTo(BackoffClass.RATE_LIMITED);
    }

    @Test
    void theServersDisconnectFrameWins() {
        assertThat(ClosePolicy.decide(1000, new ServerFrame.Disconnect(1001, "shutdown", false)).reconnect()).isFalse();
        assertThat(ClosePolicy.decide(4001, new ServerFrame.Disconnect(1001, "shutdown", true)).reconnect()).isTrue();
        assertThat(ClosePolicy.decide(1006, new ServerFrame.Disconnect(4008, "slow down", true)).backoff())
                .isEqualTo(BackoffClass.RATE_LIMITED);
    }

    @Test
    void theAuthorizeTimeoutReconnectsAndAnUnknownAppkeyStops() {
        assertThat(ClosePolicy.decide(4001, new ServerFrame.Disconnect(4001, "not authorized in time", true)).reconnect())
                .isTrue();
        assertThat(ClosePolicy.decide(4001, new ServerFrame.Disconnect(4001, "unknown appkey", false)).reconnect())
                .isFalse();
    }

    @Test
    void originAndKickStopEvenWhenTheFrameSaysReconnect() {
        assertThat(ClosePolicy.decide(1006, new ServerFrame.Disconnect(4011, "kicked", true))).isEqualTo(CloseDecision.STOP);
        assertThat(ClosePolicy.decide(4003, new ServerFrame.Disconnect(4003, "origin", true))).isEqualTo(CloseDecision.STOP);
    }

    @Test
    void theFramesDelayWindowComesWithTheDecision() {
        ReconnectDelay window = new ReconnectDelay(100, 900);
        assertThat(ClosePolicy.decide(1001, new ServerFrame.Disconnect(1001, "draining", true, window)).firstDelay())
                .isEqualTo(window);
    }
}
