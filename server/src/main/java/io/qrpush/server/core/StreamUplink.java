package io.qrpush.server.core;

import java.util.List;

/**
 * Where the frames posted for an HTTP stream go: the stream's transport, which counts them as the
 * client's activity and hands them to its {@link Session} in order (docs/protocol.md section 8).
 */
public interface StreamUplink {

    /** Client frames (JSON text each) in the order posted; any thread. */
    void receive(List<byte[]> frames);
}
