package io.qrpush.server.core;

import io.qrpush.protocol.ServerFrame.Reply;

/**
 * What the answer to {@code authorize} asks of the session: send the reply; become {@code caller}
 * when it is set; close with {@code closeCode} after the reply when that is not 0.
 */
record Authorization(Reply reply, Caller caller, int closeCode, String closeReason) {

    static Authorization accepted(Reply reply, Caller caller) {
        return new Authorization(reply, caller, 0, null);
    }

    /** Refused; the client may try again on the same connection. */
    static Authorization refused(Reply reply) {
        return new Authorization(reply, null, 0, null);
    }

    /** Refused for good: the connection closes after the reply. */
    static Authorization closing(Reply reply, int closeCode, String closeReason) {
        return new Authorization(reply, null, closeCode, closeReason);
    }
}
