package io.qrpush.server.transport;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.qrpush.server.config.Limits;
import io.qrpush.server.core.Apps;
import io.qrpush.server.core.Node;
import io.qrpush.server.http.HttpRouter;
import io.qrpush.server.login.ClientIpResolver;
import java.util.function.BooleanSupplier;

/**
 * Builds each connection's pipeline, one job per handler: out-of-memory watch, TLS when
 * configured, HTTP timeouts (a byte watch before the codec, the phase deadlines after it), HTTP
 * codec, body reader and HTTP routes. On upgrade the routes handler adds the {@link WebSocketStage}
 * (Netty's protocol handler for the handshake, then the session adapter alone) and steps aside,
 * taking the HTTP-only handlers with it. Outbound protocol frames need
 * no encoder here: {@link NettyTransport} writes them already framed. {@link ConnectionProtection#admission()} guards the listening socket itself.
 */
public final class ServerInitializer extends ChannelInitializer<SocketChannel> {
    public static final String WEBSOCKET_PATH = "/ws";

    private final SslContext tls;
    private final Apps apps;
    private final HttpRouter router;
    private final ChannelGroup channels;
    private final ConnectionProtection protection;
    private final WebSocketStage webSockets;
    private final HttpDecoderConfig httpDecoder;
    private final BooleanSupplier draining;
    private final StreamOpener streams;

    /**
     * @param tls       the node's TLS context, or null to serve plain HTTP and WebSocket
     * @param clientIps finds each WebSocket client's address behind the trusted proxies
     * @param draining  true once the node drains for shutdown: upgrades are refused with 503 from then on
     */
    public ServerInitializer(Node node, Limits limits, Apps apps, HttpRouter router, ChannelGroup channels,
                             SslContext tls, ConnectionProtection protection, ClientIpResolver clientIps,
                             BooleanSupplier draining) {
        this.tls = tls;
        this.apps = apps;
        this.router = router;
        this.channels = channels;
        this.protection = protection;
        this.httpDecoder = new HttpDecoderConfig().setMaxHeaderSize(protection.limits().maxHeaderBytes());
        this.draining = draining;
        this.streams = new StreamOpener(node, limits, clientIps);
        this.webSockets = new WebSocketStage(node, limits, clientIps, WEBSOCKET_PATH);
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        channels.add(ch);
        ChannelPipeline p = ch.pipeline();
        p.addLast(PipelineNames.OUT_OF_MEMORY, protection.memory());
        if (tls != null) {
            p.addLast(PipelineNames.TLS, tls.newHandler(ch.alloc()));
        }
        HttpTimeouts timeouts = new HttpTimeouts(protection.limits(), protection.cuts());
        p.addLast(PipelineNames.HTTP_BYTE_WATCH, timeouts.byteWatch());
        p.addLast(PipelineNames.HTTP_CODEC, new HttpServerCodec(httpDecoder));
        p.addLast(PipelineNames.HTTP_TIMEOUTS, timeouts);
        p.addLast(PipelineNames.HTTP_BODY, new RequestBodyReader(router, protection.bodyBudget(), protection.cuts()));
        p.addLast(PipelineNames.HTTP_ROUTES, new HttpRequestHandler(WEBSOCKET_PATH, apps, protection.memory(),
                draining, streams, webSockets));
    }
}
