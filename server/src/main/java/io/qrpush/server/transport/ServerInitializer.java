package io.qrpush.server.transport;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslContext;
import io.qrpush.server.config.Limits;
import io.qrpush.server.core.Apps;
import io.qrpush.server.core.Node;
import io.qrpush.server.http.HttpRouter;

/**
 * Builds each connection's pipeline, one job per handler: TLS when configured, HTTP codec, aggregator, HTTP routes
 * (which step aside on upgrade), WebSocket protocol, fragment aggregator, keep-alive, frame
 * decoder, and the thin session adapter. Outbound protocol frames need no encoder here:
 * {@link NettyTransport} writes them already framed.
 */
public final class ServerInitializer extends ChannelInitializer<SocketChannel> {
    public static final String WEBSOCKET_PATH = "/ws";
    /** HTTP request bodies larger than this are refused with 413 by the aggregator. */
    private static final int MAX_HTTP_BODY = 1 << 20;

    private final SslContext tls;
    private final Node node;
    private final Limits limits;
    private final Apps apps;
    private final HttpRouter router;
    private final ChannelGroup channels;
    private final WebSocketServerProtocolConfig wsConfig;

    /** @param tls the node's TLS context, or null to serve plain HTTP and WebSocket */
    public ServerInitializer(Node node, Limits limits, Apps apps, HttpRouter router, ChannelGroup channels,
                             SslContext tls) {
        this.tls = tls;
        this.node = node;
        this.limits = limits;
        this.apps = apps;
        this.router = router;
        this.channels = channels;
        this.wsConfig = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(WEBSOCKET_PATH)
                .checkStartsWith(true) // "/ws?v=1" too: HttpRequestHandler passes on only what routes to /ws
                .maxFramePayloadLength(limits.maxFrameBytes())
                .closeOnProtocolViolation(false) // SessionAdapter closes: disconnect first, and one close frame only
                .allowExtensions(false)
                .dropPongFrames(false)
                .handleCloseFrames(false) // NettyTransport: our close waits for the peer's answer
                .handshakeTimeoutMillis(limits.authorizeTimeout().toMillis())
                .build();
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        channels.add(ch);
        ChannelPipeline p = ch.pipeline();
        if (tls != null) {
            p.addLast(PipelineNames.TLS, tls.newHandler(ch.alloc()));
        }
        p.addLast(PipelineNames.HTTP_CODEC, new HttpServerCodec());
        p.addLast(PipelineNames.HTTP_AGGREGATOR, new HttpBodyAggregator(MAX_HTTP_BODY));
        p.addLast(PipelineNames.HTTP_ROUTES, new HttpRequestHandler(WEBSOCKET_PATH, apps, router));
        p.addLast(PipelineNames.WEBSOCKET, new WebSocketServerProtocolHandler(wsConfig));
        p.addLast(PipelineNames.WEBSOCKET_AGGREGATOR, new WebSocketFrameAggregator(limits.maxFrameBytes()));
        p.addLast(PipelineNames.KEEP_ALIVE, new KeepAliveHandler(limits.pingInterval().toNanos(),
                limits.idleTimeout().toNanos()));
        p.addLast(PipelineNames.FRAME_DECODER, new TextFrameDecoder());
        p.addLast(PipelineNames.SESSION, new SessionAdapter(node, limits.maxOutboundBytes()));
    }
}
