package io.qrpush.server.transport;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import io.qrpush.protocol.CloseCodes;
import io.qrpush.protocol.RandomIds;
import io.qrpush.server.core.Node;
import io.qrpush.server.core.Session;
import io.qrpush.server.login.ClientIpResolver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thin bridge from Netty to a {@link Session}: it forwards frames, writability and the close,
 * and knows nothing of the protocol.
 */
final class SessionAdapter extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(SessionAdapter.class);

    private final Node node;
    private final ClientIpResolver clientIps;
    private final long maxOutboundBytes;
    private NettyTransport transport;
    private Session session;

    SessionAdapter(Node node, ClientIpResolver clientIps, long maxOutboundBytes) {
        this.node = node;
        this.clientIps = clientIps;
        this.maxOutboundBytes = maxOutboundBytes;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof HandshakeComplete hs && session == null) {
            String origin = hs.requestHeaders().get(HttpHeaderNames.ORIGIN);
            transport = new NettyTransport(ctx.channel(), origin, clientAddress(clientIps, ctx, hs.requestHeaders()),
                    maxOutboundBytes);
            session = new Session(RandomIds.randomBits(96), transport, node);
            session.start();
        } else if (evt == KeepAliveHandler.Idle.INSTANCE && session != null) {
            session.kick(CloseCodes.NORMAL, "idle timeout: nothing received", true);
        } else {
            super.userEventTriggered(ctx, evt);
        }
    }

    /** The client's address, through the trusted proxies that forwarded the upgrade (or the stream's request). */
    static String clientAddress(ClientIpResolver clientIps, ChannelHandlerContext ctx, HttpHeaders headers) {
        Function<String, String> header = name -> headers.contains(name)
                ? String.join(", ", headers.getAll(name)) : null;
        return ctx.channel().remoteAddress() instanceof InetSocketAddress a
                ? clientIps.clientIp(a.getAddress(), header) : clientIps.clientIp("unknown", header);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof TextFrameDecoder.InboundFrame frame && session != null) {
            if (frame.binary()) {
                session.onBinary();
            } else {
                session.onText(frame.text());
            }
        } else if (msg instanceof CloseWebSocketFrame close) {
            try {
                if (transport != null) {
                    transport.onPeerClose(close);
                } else {
                    ctx.close();
                }
            } finally {
                close.release();
            }
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (transport != null) {
            transport.onWritable();
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (session != null) {
            session.onClosed();
        }
        super.channelInactive(ctx);
    }

    /**
     * A frame Netty refused (too big, bad UTF-8, bad masking) stops the reading and the WebSocket
     * handler closes the channel right after this returns, so the answer is written now, on this
     * thread, as the close frame: otherwise Netty would add a second one, 1000 "Bye".
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (session != null && (cause instanceof TooLongFrameException
                || cause instanceof CorruptedWebSocketFrameException c && c.closeStatus().code() == CloseCodes.FRAME_TOO_BIG)) {
            session.onFrameTooBig();
        } else if (cause instanceof CorruptedWebSocketFrameException c) {
            LOG.debug("protocol violation: {}", cause.toString());
            ctx.channel().writeAndFlush(new CloseWebSocketFrame(c.closeStatus())).addListener(ChannelFutureListener.CLOSE);
        } else if (cause instanceof CorruptedFrameException || cause instanceof IOException) {
            LOG.debug("connection dropped: {}", cause.toString());
            ctx.close();
        } else {
            LOG.warn("unexpected error on a connection; closing it", cause);
            ctx.close();
        }
    }
}
