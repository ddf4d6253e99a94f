package io.qrpush.server.core;

/** Something the hub hands encoded message frames to: a connection's session. */
public interface Subscriber {

    /** Queues an encoded frame; called from any thread, must not block. */
    void deliver(byte[] frame);
}
