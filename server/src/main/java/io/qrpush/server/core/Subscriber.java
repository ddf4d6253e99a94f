package io.qrpush.server.core;

import java.util.concurrent.Executor;

/** Something the hub hands encoded message frames to: a connection's session, or a feature's stage before it. */
public interface Subscriber {

    /** The thread the subscriber's connection runs on: {@link #deliver} is called there. */
    Executor executor();

    /**
     * Sends an encoded frame; on {@link #executor()} only, must not block. It leaves at once unless
     * earlier frames still wait to be written, which it then follows.
     */
    void deliver(byte[] frame);

    /**
     * The frame of {@code publication}, as the hub hands it out: a stage that filters by offset
     * reads the publication; a connection just sends the frame.
     */
    default void deliver(byte[] frame, Publication publication) {
        deliver(frame);
    }

    /**
     * Live messages of a history channel were lost on their way to this subscriber and the
     * channel's history no longer holds them: the connection ends with a reconnect, so the
     * client's recovery states the loss instead of hiding it (docs/protocol.md section 6). On
     * {@link #executor()}; a stage passes it on to its connection.
     */
    default void missedMessages() {
    }
}
