package io.qrpush.server.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import io.netty.handler.ssl.SslHandler;

/**
 * The {@link ChannelTransport} of a WebSocket. Protocol frames leave as whole WebSocket frames
 * written just below Netty's WebSocket encoder (so still through TLS when it is on), with no
 * intermediate objects. Without TLS, a message
 * fanned out to many connections on one thread is framed once for all of them ({@link SharedFrames}).
 * With TLS each connection gets its own frame: Netty's TLS handler may append the writes queued
 * after a buffer into that buffer before it encrypts them, which a shared frame must not allow.
 */
final class NettyTransport extends ChannelTransport {
    /** Where whole frames enter the pipeline: below the WebSocket encoder, above TLS. */
    private final ChannelHandlerContext frames;
    private final boolean shareFrames;
    /** Set once a close frame has left, by us or in answer to the peer's: there is only ever one. */
    private boolean closeSent;

    /** @param clientAddress the client's address as the upgrade request's proxies name it */
    NettyTransport(Channel channel, String origin, String clientAddress, long maxOutboundBytes) {
        super(channel, origin, clientAddress, maxOutboundBytes);
        this.frames = channel.pipeline().context(WebSocketFrameEncoder.class);
        if (frames == null) {
            throw new IllegalStateException("no WebSocket encoder in the pipeline: the upgrade is not done");
        }
        this.shareFrames = channel.pipeline().get(SslHandler.class) == null;
    }

    @Override
    public void close(int code, String reason) {
        onLoop(() -> {
            queue.drainAll();
            queue.stop();
            writeClose(code, reason);
        });
    }

    @Override
    public void closeNow(byte[] lastFrame, int code, String reason) {
        onLoop(() -> {
            queue.stop();
            write(lastFrame);
            writeClose(code, reason);
        });
    }

    /**
     * Sends our close frame and keeps reading (and discarding) until the peer answers with its own
     * or the timeout passes. Closing the socket at once would reset it if the peer is still sending,
     * and a reset makes the peer's kernel discard what it has not read yet: the disconnect frame and
     * the close frame that say why.
     */
    private void writeClose(int code, String reason) {
        if (closeSent) {
            return;
        }
        closeSent = true;
        channel.writeAndFlush(new CloseWebSocketFrame(code, reason));
        cutLater();
    }

    /**
     * The peer's close frame, on the connection's thread: the answer to ours ends the connection;
     * a close it started is echoed with its code (RFC 6455 5.5.1) before the socket closes.
     */
    void onPeerClose(CloseWebSocketFrame frame) {
        if (closeSent) {
            channel.close();
            return;
        }
        closeSent = true;
        queue.stop();
        int code = frame.statusCode();
        CloseWebSocketFrame echo = code < 0 ? new CloseWebSocketFrame() : new CloseWebSocketFrame(code, "");
        channel.writeAndFlush(echo).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void write(byte[] frame) {
        ByteBuf out = shareFrames
                ? SharedFrames.onThisThread(channel.alloc(), frame)
                : TextFrames.frame(channel.alloc(), frame);
        frames.write(out, frames.voidPromise());
    }

    @Override
    public void flush() {
        frames.flush();
    }
}
