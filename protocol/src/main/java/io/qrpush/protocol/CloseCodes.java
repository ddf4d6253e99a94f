package io.qrpush.protocol;

/**
 * WebSocket close codes the server uses (docs/protocol.md section 3, "disconnect"). Whether a client
 * comes back is said by the {@code reconnect} flag of the {@code disconnect} frame before the
 * close, not by the code alone (4001 is final for an unknown appkey, not for a slow authorize);
 * {@link io.qrpush.protocol.policy.ClosePolicy} is what both clients make of each code.
 */
public final class CloseCodes {
    public static final int NORMAL = 1000;
    public static final int SHUTTING_DOWN = 1001;
    public static final int FRAME_TOO_BIG = 1009;
    public static final int PROTOCOL_ERROR = 4000;
    public static final int UNAUTHORIZED = 4001;
    public static final int ORIGIN_NOT_ALLOWED = 4003;
    public static final int RATE_LIMITED = 4008;
    public static final int SLOW_CONSUMER = 4010;
    public static final int KICKED = 4011;
    /**
     * A subscriber on a history channel missed live messages its channel's history no longer
     * holds: it reconnects, and its recovery states the loss (docs/protocol.md section 6).
     */
    public static final int MISSED_MESSAGES = 4012;

    private CloseCodes() {
    }
}
