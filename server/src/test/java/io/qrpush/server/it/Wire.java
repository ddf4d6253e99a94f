package io.qrpush.server.it;

/**
 * What carries a test client's frames. Protocol ITs that do not depend on it run once per wire
 * ({@code @ParameterizedClass @EnumSource(Wire.class)}): the streaming transport must behave as
 * WebSocket does (docs/protocol.md section 8).
 */
public enum Wire {
    WEBSOCKET {
        @Override
        FrameClient connect(TestServer server, String origin) throws Exception {
            return WsClient.connect(server.wsUri(), origin);
        }
    },
    /** In the cluster run the stream and its uplinks are on different nodes. */
    STREAM {
        @Override
        FrameClient connect(TestServer server, String origin) {
            return StreamClient.to(server.nextNodePort(), server.nextNodePort(), origin);
        }
    };

    /** A client of the server; over a stream nothing is sent until its first frame (the authorize). */
    abstract FrameClient connect(TestServer server, String origin) throws Exception;
}
