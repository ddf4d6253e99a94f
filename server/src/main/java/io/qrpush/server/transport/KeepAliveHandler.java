package io.qrpush.server.transport;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import io.netty.util.ReferenceCountUtil;

/**
 * A WebSocket's {@link Heartbeat}: pings the client every {@code pingInterval} and reports a
 * connection that sent nothing for {@code idleTimeout} with an {@link Idle} event. Pongs count as
 * activity and stop here.
 */
final class KeepAliveHandler extends ChannelDuplexHandler {

    /** The user event fired when the peer has been silent too long. */
    enum Idle { INSTANCE }

    private final long intervalNanos;
    private final long idleNanos;
    private Heartbeat beat;

    KeepAliveHandler(long intervalNanos, long idleNanos) {
        this.intervalNanos = intervalNanos;
        this.idleNanos = idleNanos;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof HandshakeComplete && beat == null) {
            beat = new Heartbeat(intervalNanos, idleNanos,
                    () -> ctx.writeAndFlush(new PingWebSocketFrame(), ctx.voidPromise()),
                    () -> ctx.fireUserEventTriggered(Idle.INSTANCE));
            beat.start(ctx.executor());
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        activity();
        if (msg instanceof PongWebSocketFrame) {
            ReferenceCountUtil.release(msg);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    /** Every read counts, WebSocket pings too: Netty answers those itself, so they never reach channelRead. */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        activity();
        ctx.fireChannelReadComplete();
    }

    /**
     * Our close frame ends the pinging: Netty's WebSocket handler fails any frame written after it,
     * and a ping failed that way closed the connection at once, cutting off the frames still on
     * their way to the peer (a slow consumer's messages, its disconnect and its close frame).
     */
    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof CloseWebSocketFrame) {
            stop();
        }
        super.write(ctx, msg, promise);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stop();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        stop();
        super.channelInactive(ctx);
    }

    private void activity() {
        if (beat != null) {
            beat.activity();
        }
    }

    private void stop() {
        if (beat != null) {
            beat.stop();
        }
    }
}
