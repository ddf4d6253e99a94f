package io.qrpush.sdk;

import io.qrpush.protocol.CloseCodes;
import io.qrpush.protocol.ServerFrame;

/**
 * What the client does when a connection ends (docs/protocol.md section 3, "disconnect"), the same table as
 * the browser client's:
 * <ul>
 *   <li>{@code reconnect:false} in the server's {@code disconnect} frame: stop, whatever the code;</li>
 *   <li>4001 unauthorized, 4003 origin not allowed, 4011 kicked by the server API: stop, since a new
 *       attempt cannot fix a wrong appkey and the backend wants the user out;</li>
 *   <li>4008 rate limited repeatedly: reconnect, but start high in the backoff window;</li>
 *   <li>anything else (1000, 1001 shutdown, 1006 dropped, 4010 slow consumer...): reconnect.</li>
 * </ul>
 * The frame's code wins over the socket's, because proxies may report 1006 for a close whose real
 * code they dropped.
 */
enum CloseAction {
    STOP, RETRY, SLOW;

    static CloseAction of(int socketCode, ServerFrame.Disconnect farewell) {
        if (farewell != null && !farewell.reconnect()) {
            return STOP;
        }
        int code = farewell != null ? farewell.code() : socketCode;
        if (code == CloseCodes.UNAUTHORIZED || code == CloseCodes.ORIGIN_NOT_ALLOWED || code == CloseCodes.KICKED) {
            return STOP;
        }
        return code == CloseCodes.RATE_LIMITED ? SLOW : RETRY;
    }
}
