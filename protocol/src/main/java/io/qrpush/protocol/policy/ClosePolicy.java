package io.qrpush.protocol.policy;

import io.qrpush.protocol.CloseCodes;
import io.qrpush.protocol.ServerFrame;

/**
 * Whether a client reconnects when its connection ends (docs/protocol.md, "Client behaviour"):
 * <ol>
 *   <li>the code is the {@code disconnect} frame's when one came, else the socket's: proxies and
 *       browsers may report 1006 for a close whose real code they dropped;</li>
 *   <li>4003 (origin not allowed) and 4011 (kicked) stop whatever the frame says: no retry can
 *       change a page's origin, and a kicked user must not walk straight back in;</li>
 *   <li>otherwise the frame's {@code reconnect} flag decides. The server alone knows why it
 *       closed: it sends 4001 with {@code reconnect:true} for an authorize timeout and with
 *       {@code false} for an unknown appkey;</li>
 *   <li>without a frame: 4001 stops too (a timeout and a bad appkey cannot be told apart, and
 *       looping on bad credentials is the worse mistake); every other code reconnects.</li>
 * </ol>
 * A reconnect after 4008 waits in the rate-limited window; the frame's {@code delay}, when
 * present, replaces the wait before the first attempt.
 */
public final class ClosePolicy {
    private ClosePolicy() {
    }

    /**
     * @param socketCode the WebSocket close code (1006 when the connection just dropped)
     * @param farewell   the server's {@code disconnect} frame before the close, or null
     */
    public static CloseDecision decide(int socketCode, ServerFrame.Disconnect farewell) {
        int code = farewell != null ? farewell.code() : socketCode;
        boolean reconnect;
        if (code == CloseCodes.ORIGIN_NOT_ALLOWED || code == CloseCodes.KICKED) {
            reconnect = false;
        } else if (farewell != null) {
            reconnect = farewell.reconnect();
        } else {
            reconnect = code != CloseCodes.UNAUTHORIZED;
        }
        if (!reconnect) {
            return CloseDecision.STOP;
        }
        BackoffClass backoff = code == CloseCodes.RATE_LIMITED ? BackoffClass.RATE_LIMITED : BackoffClass.NORMAL;
        return new CloseDecision(true, backoff, farewell != null ? farewell.delay() : null);
    }
}
