package io.qrpush.loadtest.cli;

import picocli.CommandLine.Option;

/** {@code --transport}: what carries the clients' frames, for the scenarios that can use either. */
public final class TransportOption {
    /** The transports of docs/protocol.md sections 2 and 8. */
    enum Transport { ws, stream }

    @Option(names = "--transport", defaultValue = "ws",
            description = "ws (WebSocket) or stream (HTTP streaming: POST /stream down, POST /emulation up,"
                    + " as a client behind a proxy that blocks WebSocket) (default: ${DEFAULT-VALUE}).")
    Transport transport;

    boolean stream() {
        return transport == Transport.stream;
    }
}
