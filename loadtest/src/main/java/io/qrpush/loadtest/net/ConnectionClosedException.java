package io.qrpush.loadtest.net;

/**
 * A request could not be answered because its connection closed first; {@code code} is the
 * WebSocket close code, or -1 when the TCP connection went without a close frame.
 */
public final class ConnectionClosedException extends RuntimeException {
    private final int code;
    private final boolean byUs;

    public ConnectionClosedException(int code, boolean byUs) {
        super("connection closed (" + (code < 0 ? "no close frame" : "code " + code) + ")", null, false, false);
        this.code = code;
        this.byUs = byUs;
    }

    /** Whether this side closed the connection (the end of a run), not the server or the network. */
    public boolean byUs() {
        return byUs;
    }

    public int code() {
        return code;
    }
}
