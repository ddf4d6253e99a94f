package io.qrpush.server.transport;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.qrpush.server.config.Limits;
import io.qrpush.server.core.Node;
import io.qrpush.server.login.ClientIpResolver;

/**
 * The WebSocket half of a pipeline: Netty's protocol handler, for the handshake only, and the
 * {@link SessionAdapter}, which takes it out once the handshake is done and is then the one
 * handler below Netty's frame decoder. Added when a connection asks to upgrade, not when it is
 * accepted: most HTTP connections (login pages, phones, the server API) never upgrade, and
 * building and linking the WebSocket handlers for them was a measurable part of the login tail
 * (docs/benchmarks.md).
 */
final class WebSocketStage {
    private final Node node;
    private final Limits limits;
    private final ClientIpResolver clientIps;
    private final WebSocketServerProtocolConfig config;

    WebSocketStage(Node node, Limits limits, ClientIpResolver clientIps, String path) {
        this.node = node;
        this.limits = limits;
        this.clientIps = clientIps;
        this.config = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(path)
                .checkStartsWith(true) // "/ws?v=1" too: HttpRequestHandler passes on only what routes to /ws
                .maxFramePayloadLength(limits.maxFrameBytes())
                .closeOnProtocolViolation(false) // SessionAdapter closes: disconnect first, and one close frame only
                .withUTF8Validator(false) // SessionAdapter checks text messages (protocol's Utf8), a word at a time
                .allowExtensions(false)
                // The protocol handler leaves at the handshake (SessionAdapter takes over control frames
                // then); these keep it from answering any frame itself should one reach it before.
                .dropPongFrames(false)
                .handleCloseFrames(false)
                .handshakeTimeoutMillis(limits.authorizeTimeout().toMillis())
                .build();
    }

    /** Appends the WebSocket handlers; the upgrade request is then passed to them. */
    void addTo(ChannelPipeline p) {
        p.addLast(PipelineNames.WEBSOCKET, new WebSocketServerProtocolHandler(config));
        p.addLast(PipelineNames.SESSION, new SessionAdapter(node, clientIps, limits));
    }
}
