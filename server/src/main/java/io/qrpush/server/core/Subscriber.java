package io.qrpush.server.core;

import java.util.concurrent.Executor;

/** Something the hub hands encoded message frames to: a connection's session. */
public interface Subscriber {

    /** The thread the subscriber's connection runs on: {@link #deliver} is called there. */
    Executor executor();

    /**
     * Sends an encoded frame; on {@link #executor()} only, must not block. It leaves at once unless
     * earlier frames still wait to be written, which it then follows.
     */
    void deliver(byte[] frame);
}
