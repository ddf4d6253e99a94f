package io.qrpush.server.transport;

/** Every handler of a connection's pipeline, by name, in order. */
public final class PipelineNames {
    public static final String OUT_OF_MEMORY = "qrpush.outOfMemory";
    public static final String TLS = "qrpush.tls";
    public static final String HTTP_BYTE_WATCH = "qrpush.httpByteWatch";
    public static final String HTTP_CODEC = "qrpush.httpCodec";
    public static final String HTTP_TIMEOUTS = "qrpush.httpTimeouts";
    public static final String HTTP_BODY = "qrpush.httpBody";
    public static final String HTTP_ROUTES = "qrpush.httpRoutes";
    public static final String WEBSOCKET = "qrpush.websocket";
    public static final String WEBSOCKET_AGGREGATOR = "qrpush.websocketAggregator";
    public static final String KEEP_ALIVE = "qrpush.keepAlive";
    public static final String FRAME_DECODER = "qrpush.frameDecoder";
    public static final String SESSION = "qrpush.session";

    private PipelineNames() {
    }
}
