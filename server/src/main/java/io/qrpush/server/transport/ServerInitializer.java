package io.qrpush.server.transport;

import com.sun.management.UnixOperatingSystemMXBean;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslContext;
import io.qrpush.server.config.HttpLimits;
import io.qrpush.server.config.IpRange;
import io.qrpush.server.config.Limits;
import io.qrpush.server.core.Node;
import io.qrpush.server.http.HttpRouter;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * Builds each connection's pipeline, one job per handler: out-of-memory watch, TLS when
 * configured, HTTP timeouts (a byte watch before the codec, the phase deadlines after it), HTTP
 * codec, body reader, HTTP routes (which step aside on upgrade, taking the HTTP-only handlers with
 * them), WebSocket protocol, fragment aggregator, keep-alive, frame decoder, and the thin session
 * adapter. Outbound protocol frames need no encoder here: {@link NettyTransport} writes them
 * already framed. {@link #admission()} guards the listening socket itself.
 */
public final class ServerInitializer extends ChannelInitializer<SocketChannel> {
    public static final String WEBSOCKET_PATH = "/ws";

    private final SslContext tls;
    private final Node node;
    private final HttpRouter router;
    private final ChannelGroup channels;
    private final WebSocketServerProtocolConfig wsConfig;
    private final ConnectionCuts cuts;
    private final BodyBudget bodyBudget;
    private final OutOfMemoryWatch memory;
    private final ConnectionAdmission admission;

    /** @param tls the node's TLS context, or null to serve plain HTTP and WebSocket */
    public ServerInitializer(Node node, HttpRouter router, ChannelGroup channels, SslContext tls, ConnectionCuts cuts) {
        this.tls = tls;
        this.node = node;
        this.router = router;
        this.channels = channels;
        this.cuts = cuts;
        Limits limits = node.config().limits();
        HttpLimits http = limits.http();
        this.bodyBudget = new BodyBudget(http.maxBodyBytesInFlight());
        this.memory = new OutOfMemoryWatch(node.metrics());
        List<IpRange> proxies = node.config().server().trustedProxies().stream().map(IpRange::parse).toList();
        this.admission = new ConnectionAdmission(http.maxConnectionsToAdmit(openFileLimit()),
                http.maxConnectionsPerIp(), proxies, cuts);
        node.metrics().gauge("qrpush_http_body_bytes_in_flight",
                "Request body bytes the node has taken room for (limits.maxBodyBytesInFlight)", bodyBudget::used);
        node.metrics().gauge("qrpush_open_connections", "Open TCP connections, HTTP and WebSocket", admission::open);
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

    /** The handler for the listening socket: admits or refuses each accepted connection. */
    public ChannelHandler admission() {
        return admission;
    }

    /** The connections {@link #admission()} lets in at once. */
    public int maxConnections() {
        return node.config().limits().http().maxConnectionsToAdmit(openFileLimit());
    }

    /** The process's open-file limit, or -1 where the OS does not tell. */
    static long openFileLimit() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
                ? unix.getMaxFileDescriptorCount() : -1;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        channels.add(ch);
        Limits limits = node.config().limits();
        ChannelPipeline p = ch.pipeline();
        p.addLast(PipelineNames.OUT_OF_MEMORY, memory);
        if (tls != null) {
            p.addLast(PipelineNames.TLS, tls.newHandler(ch.alloc()));
        }
        HttpTimeouts timeouts = new HttpTimeouts(limits.http(), cuts);
        p.addLast(PipelineNames.HTTP_BYTE_WATCH, timeouts.byteWatch());
        p.addLast(PipelineNames.HTTP_CODEC, new HttpServerCodec(new HttpDecoderConfig()
                .setMaxHeaderSize(limits.http().maxHeaderBytes())));
        p.addLast(PipelineNames.HTTP_TIMEOUTS, timeouts);
        p.addLast(PipelineNames.HTTP_BODY, new RequestBodyReader(router, bodyBudget, cuts));
        p.addLast(PipelineNames.HTTP_ROUTES, new HttpRequestHandler(WEBSOCKET_PATH, node.apps(), router, memory));
        p.addLast(PipelineNames.WEBSOCKET, new WebSocketServerProtocolHandler(wsConfig));
        p.addLast(PipelineNames.WEBSOCKET_AGGREGATOR, new WebSocketFrameAggregator(limits.maxFrameBytes()));
        p.addLast(PipelineNames.KEEP_ALIVE, new KeepAliveHandler(limits.pingInterval().toNanos(),
                limits.idleTimeout().toNanos()));
        p.addLast(PipelineNames.FRAME_DECODER, new TextFrameDecoder());
        p.addLast(PipelineNames.SESSION, new SessionAdapter(node));
    }
}
