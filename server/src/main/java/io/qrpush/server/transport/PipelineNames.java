package io.qrpush.server.transport;

/**
 * Every handler of a connection's pipeline, by name, in order. Reads enter at the top and go
 * down; writes start where they are made and go up. Protocol frames are written already framed
 * by {@link NettyTransport} below the WebSocket encoder, so they skip every handler above TLS.
 *
 * <pre>
 *                      socket
 *                        |  ^
 *  reads                 v  |                        writes
 *  OUT_OF_MEMORY    [qrpush.outOfMemory]      closes this connection, not the node, on an OutOfMemoryError
 *                        |  ^
 *  TLS              [qrpush.tls]              encrypts everything (when configured)
 *                        |  ^
 *  HTTP_BYTE_WATCH  [qrpush.httpByteWatch]    sees a request's bytes arrive (its minimum rate)
 *                        |  ^
 *  HTTP_CODEC       [qrpush.httpCodec]        HTTP requests and answers; the upgrade puts Netty's
 *                        |  ^                   wsdecoder and wsencoder in its place
 *                        |  +------------------ NettyTransport writes protocol frames, framed once
 *                        |  |                   (SharedFrames), just below wsencoder
 *  HTTP_TIMEOUTS    [qrpush.httpTimeouts]     head, body and idle deadlines of each request
 *                        |  ^
 *  HTTP_BODY        [qrpush.httpBody]         reads a body up to its route's limit (RequestBodyReader)
 *                        |  ^
 *  HTTP_ROUTES      [qrpush.httpRoutes]       answers plain HTTP; on upgrade adds the two below
 *                        |  ^                   (WebSocketStage), passes the upgrade on to them, then
 *                        |  ^                   takes out HTTP_BYTE_WATCH, HTTP_TIMEOUTS, HTTP_BODY and itself
 *  WEBSOCKET        [qrpush.websocket]        Netty's protocol handler: the handshake only; SESSION
 *                        |  ^                   takes it out when the handshake is done
 *  SESSION          [qrpush.session]          SessionAdapter: pings and pongs, activity, fragments,
 *                           ^                   UTF-8, close frames; forwards to the Session
 *                      channel.write          close frames (NettyTransport) start at the tail
 * </pre>
 * After the handshake a frame read passes Netty's frame decoder and SESSION, nothing else (issue 27).
 * A connection that never upgrades has none of the WebSocket handlers. A {@code POST /stream}
 * (see {@link StreamOpener}) keeps only OUT_OF_MEMORY, TLS and HTTP_CODEC, with STREAM
 * ({@link StreamAdapter}) below them; its events are HTTP chunks written at the tail.
 */
public final class PipelineNames {
    public static final String OUT_OF_MEMORY = "qrpush.outOfMemory";
    public static final String TLS = "qrpush.tls";
    public static final String HTTP_BYTE_WATCH = "qrpush.httpByteWatch";
    public static final String HTTP_CODEC = "qrpush.httpCodec";
    public static final String HTTP_TIMEOUTS = "qrpush.httpTimeouts";
    public static final String HTTP_BODY = "qrpush.httpBody";
    public static final String HTTP_ROUTES = "qrpush.httpRoutes";
    public static final String WEBSOCKET = "qrpush.websocket";
    public static final String SESSION = "qrpush.session";
    /** Below HTTP_CODEC once {@code POST /stream} took the connection over, the other HTTP handlers gone. */
    public static final String STREAM = "qrpush.stream";

    private PipelineNames() {
    }
}
