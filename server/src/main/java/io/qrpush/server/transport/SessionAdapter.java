package io.qrpush.server.transport;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import io.netty.util.ReferenceCountUtil;
import io.qrpush.protocol.CloseCodes;
import io.qrpush.protocol.RandomIds;
import io.qrpush.server.config.Limits;
import io.qrpush.server.core.Node;
import io.qrpush.server.core.Session;
import io.qrpush.server.login.ClientIpResolver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one handler of a WebSocket below Netty's frame decoder once the handshake is done, between
 * Netty's frames and a {@link Session}. Five handlers did this before, each a hop on every frame
 * read (issue 27): Netty's UTF-8 validator, protocol handler and fragment aggregator, our
 * keep-alive and frame decoder. It answers pings with their payload, counts every read as the
 * peer's activity for the {@link Heartbeat}, joins and checks messages ({@link MessageJoiner}),
 * and hands the session whole text messages, binary marks, the peer's close frame (to
 * {@link NettyTransport#onPeerClose}) and the writability; on the way out it keeps the rules
 * of Netty's protocol handler: nothing leaves after a close frame, and closing the channel before
 * any close frame left sends one (1000) first.
 */
final class SessionAdapter extends ChannelDuplexHandler {
    private static final Logger LOG = LoggerFactory.getLogger(SessionAdapter.class);

    private final Node node;
    private final ClientIpResolver clientIps;
    private final Limits limits;
    private final MessageJoiner messages;
    private NettyTransport transport;
    private Session session;
    private Heartbeat beat;
    /** The write of the close frame that left, ours or the echo of the peer's; nothing follows it. */
    private ChannelPromise closeSent;

    SessionAdapter(Node node, ClientIpResolver clientIps, Limits limits) {
        this.node = node;
        this.clientIps = clientIps;
        this.limits = limits;
        this.messages = new MessageJoiner(limits.maxFrameBytes());
    }

    /**
     * Netty's protocol handler made the handshake (path, version, the 400 answers, its timeout, the
     * codec swap) and steps out now: after it, all it did was pass frames on. It goes here, not in
     * {@link WebSocketStage}, because the handshake is its job until this event.
     */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof HandshakeComplete hs && session == null) {
            ChannelPipeline p = ctx.pipeline();
            if (p.get(PipelineNames.WEBSOCKET) != null) {
                p.remove(PipelineNames.WEBSOCKET);
            }
            beat = new Heartbeat(limits.pingInterval().toNanos(), limits.idleTimeout().toNanos(),
                    () -> ctx.writeAndFlush(new PingWebSocketFrame(), ctx.voidPromise()),
                    () -> session.kick(CloseCodes.NORMAL, "idle timeout: nothing received", true));
            beat.start(ctx.executor());
            String origin = hs.requestHeaders().get(HttpHeaderNames.ORIGIN);
            transport = new NettyTransport(ctx.channel(), origin, clientAddress(clientIps, ctx, hs.requestHeaders()),
                    limits.maxOutboundBytes());
            session = new Session(RandomIds.randomBits(96), transport, node);
            session.start();
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
        if (beat != null) {
            beat.activity();
        }
        if (closeSent != null && !(msg instanceof CloseWebSocketFrame)) {
            // Our close frame left (a refusal, the session's close, a 1007): what the same read
            // still holds is not acted on, and nothing may follow the close but the peer's answer.
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame
                || msg instanceof ContinuationWebSocketFrame) {
            onData(ctx, (WebSocketFrame) msg);
        } else if (msg instanceof PingWebSocketFrame ping) {
            // The pong takes the ping's payload, through this handler's write: never after a close frame.
            write(ctx, new PongWebSocketFrame(ping.content()), ctx.voidPromise());
            ctx.flush();
            readIfNeeded(ctx);
        } else if (msg instanceof CloseWebSocketFrame close) {
            try {
                if (transport != null) {
                    transport.onPeerClose(close);
                } else {
                    ctx.channel().close();
                }
            } finally {
                close.release();
            }
        } else {
            ReferenceCountUtil.release(msg); // a pong: activity only
        }
    }

    private void onData(ChannelHandlerContext ctx, WebSocketFrame frame) {
        MessageJoiner.Outcome outcome;
        try {
            outcome = frame instanceof ContinuationWebSocketFrame
                    ? messages.continuation(frame.isFinalFragment(), frame.content())
                    : messages.first(frame instanceof TextWebSocketFrame, frame.isFinalFragment(), frame.content());
        } finally {
            frame.release();
        }
        switch (outcome) {
            case TEXT -> {
                if (session != null) {
                    session.onText(messages.text());
                }
            }
            case BINARY -> {
                if (session != null) {
                    session.onBinary();
                }
            }
            case TOO_BIG -> failed(ctx, new TooLongFrameException("content length exceeded "
                    + limits.maxFrameBytes() + " bytes."));
            case NOT_UTF8 -> exceptionCaught(ctx, new CorruptedWebSocketFrameException(
                    WebSocketCloseStatus.INVALID_PAYLOAD_DATA, "bytes are not UTF-8"));
            case MORE -> {
            }
        }
    }

    /** Every read counts, not only whole frames; a message in fragments is read on even without auto-read. */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (beat != null) {
            beat.activity();
        }
        if (messages.waitingForMore()) {
            readIfNeeded(ctx);
        }
    }

    private static void readIfNeeded(ChannelHandlerContext ctx) {
        if (!ctx.channel().config().isAutoRead()) {
            ctx.read();
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
        stopBeat();
        if (session != null) {
            session.onClosed();
        }
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stopBeat();
    }

    /**
     * A close frame ends the writing: what comes after it fails, and the pinging stops (a ping failed
     * that way would close the connection at once, cutting off the frames still on their way to
     * the peer: a slow consumer's messages, its disconnect and its close frame). Protocol frames
     * skip this handler: {@link NettyTransport} writes them below the encoder.
     */
    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (closeSent != null) {
            ReferenceCountUtil.release(msg);
            promise.setFailure(new ClosedChannelException());
        } else if (msg instanceof CloseWebSocketFrame) {
            stopBeat();
            closeSent = promise.unvoid();
            ctx.write(msg, closeSent);
        } else {
            ctx.write(msg, promise);
        }
    }

    /**
     * Closing the channel before a close frame left sends one, 1000 "Bye", as Netty's protocol handler
     * did; the socket closes once the close frame is written, or at the next turn of the loop if the
     * socket did not take it (that handler's force-close timeout, 0 ms by default).
     */
    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (!ctx.channel().isActive()) {
            ctx.close(promise);
            return;
        }
        if (closeSent == null) {
            write(ctx, new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE), ctx.newPromise());
        }
        ctx.flush();
        if (closeSent.isDone()) {
            ctx.close(promise);
        } else {
            ctx.executor().execute(() -> ctx.close(promise));
        }
    }

    /**
     * A frame Netty's decoder refused (too big, bad masking) or a text message that is not UTF-8:
     * reading stops and the channel closes right after, as Netty's protocol handler closed it. The
     * answer is written first, on this thread, as the close frame.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        failed(ctx, cause);
        ctx.close();
    }

    /** Oversized messages get the session's answer; other faults a close frame with their code, or none. */
    private void failed(ChannelHandlerContext ctx, Throwable cause) {
        if (session != null && (cause instanceof TooLongFrameException
                || cause instanceof CorruptedWebSocketFrameException c && c.closeStatus().code() == CloseCodes.FRAME_TOO_BIG)) {
            session.onFrameTooBig();
        } else if (cause instanceof CorruptedWebSocketFrameException c) {
            LOG.debug("protocol violation: {}", cause.toString());
            ctx.channel().writeAndFlush(new CloseWebSocketFrame(c.closeStatus())).addListener(ChannelFutureListener.CLOSE);
        } else if (cause instanceof CorruptedFrameException || cause instanceof IOException) {
            LOG.debug("connection dropped: {}", cause.toString());
            ctx.channel().close();
        } else {
            LOG.warn("unexpected error on a connection; closing it", cause);
            ctx.channel().close();
        }
    }

    private void stopBeat() {
        if (beat != null) {
            beat.stop();
        }
    }
}
