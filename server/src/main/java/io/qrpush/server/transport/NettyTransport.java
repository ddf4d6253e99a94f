package io.qrpush.server.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import io.netty.handler.ssl.SslHandler;
import io.qrpush.server.core.Transport;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * {@link Transport} over a Netty channel, with the bounded {@link OutboundQueue} in front of it.
 * Protocol frames leave as whole WebSocket frames written just below Netty's WebSocket encoder
 * (so still through TLS when it is on), with no intermediate objects. Without TLS, a message
 * fanned out to many connections on one thread is framed once for all of them ({@link SharedFrames}).
 * With TLS each connection gets its own frame: Netty's TLS handler may append the writes queued
 * after a buffer into that buffer before it encrypts them, which a shared frame must not allow.
 */
final class NettyTransport implements Transport, OutboundQueue.Sink {
    /** A peer that does not answer our close frame within this time is cut. */
    private static final long FORCE_CLOSE_MILLIS = 3000;

    private final Channel channel;
    /** Where whole frames enter the pipeline: below the WebSocket encoder, above TLS. */
    private final ChannelHandlerContext frames;
    private final String origin;
    private final String clientAddress;
    private final OutboundQueue queue;
    private final boolean shareFrames;
    /** Set once a close frame has left, by us or in answer to the peer's: there is only ever one. */
    private boolean closeSent;

    /** @param clientAddress the client's address as the upgrade request's proxies name it */
    NettyTransport(Channel channel, String origin, String clientAddress, long maxOutboundBytes) {
        this.channel = channel;
        this.frames = channel.pipeline().context(WebSocketFrameEncoder.class);
        if (frames == null) {
            throw new IllegalStateException("no WebSocket encoder in the pipeline: the upgrade is not done");
        }
        this.shareFrames = channel.pipeline().get(SslHandler.class) == null;
        this.origin = origin;
        this.clientAddress = clientAddress;
        this.queue = new OutboundQueue(maxOutboundBytes, channel.eventLoop(), this);
    }

    void onWritable() {
        if (channel.isWritable()) {
            queue.drain();
        }
    }

    @Override
    public boolean send(byte[] frame) {
        return queue.offer(frame);
    }

    @Override
    public boolean sendOnLoop(byte[] frame) {
        return queue.offerOnLoop(frame);
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

    /** At once when already on the connection's thread: a close must not wait behind a channel close. */
    private void onLoop(Runnable task) {
        if (channel.eventLoop().inEventLoop()) {
            task.run();
        } else {
            channel.eventLoop().execute(task);
        }
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
        Future<?> cut = channel.eventLoop().schedule(() -> {
            channel.close();
        }, FORCE_CLOSE_MILLIS, TimeUnit.MILLISECONDS);
        // A pending task holds the whole connection: gone with the socket, not 3 s later.
        channel.closeFuture().addListener(f -> cut.cancel(false));
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
    public Executor executor() {
        return channel.eventLoop();
    }

    @Override
    public Future<?> schedule(Runnable task, Duration delay) {
        return channel.eventLoop().schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public String remoteAddress() {
        return clientAddress;
    }

    @Override
    public String origin() {
        return origin;
    }

    @Override
    public boolean writable() {
        return channel.isWritable();
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
