package io.qrpush.server.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import io.qrpush.protocol.CloseCodes;
import io.qrpush.server.core.Session;
import io.qrpush.server.core.StreamUplink;
import io.qrpush.server.core.Transport;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * {@link Transport} over the response of {@code POST /stream} (docs/protocol.md section 8): each
 * frame is one server-sent event, {@code data: <json>} and a blank line, flushed as it leaves the
 * same bounded {@link OutboundQueue} a WebSocket has, so a client that stopped reading is cut as a
 * slow consumer. A close code travels as the {@code disconnect} event before it; then the response
 * ends. Frames posted to {@code /emulation} arrive through {@link #receive} and count as the
 * client's activity: one that posts nothing (not even a ping) for {@code idleTimeout} is closed,
 * and a comment line every {@code pingInterval} stands in for the WebSocket ping.
 */
final class StreamTransport implements Transport, StreamUplink, OutboundQueue.Sink {
    /** A client that does not take the end of its stream within this time is cut. */
    private static final long FORCE_CLOSE_MILLIS = 3000;
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END_OF_EVENT = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] COMMENT = ":\n\n".getBytes(StandardCharsets.US_ASCII);

    private final Channel channel;
    private final String origin;
    private final OutboundQueue queue;
    private final long idleNanos;
    private Session session;
    private volatile long lastUplinkNanos = System.nanoTime();
    private ScheduledFuture<?> ticker;
    private boolean ended;

    StreamTransport(Channel channel, String origin, long maxOutboundBytes, Duration idleTimeout) {
        this.channel = channel;
        this.origin = origin;
        this.idleNanos = idleTimeout.toNanos();
        this.queue = new OutboundQueue(maxOutboundBytes, channel.eventLoop(), this);
    }

    /** Starts the heartbeat for the session this stream carries; on the connection's thread. */
    void start(Session s, Duration pingInterval) {
        this.session = s;
        long interval = pingInterval.toNanos();
        long offset = ThreadLocalRandom.current().nextLong(interval);
        ticker = channel.eventLoop().scheduleAtFixedRate(this::tick, offset, interval, TimeUnit.NANOSECONDS);
    }

    private void tick() {
        if (System.nanoTime() - lastUplinkNanos > idleNanos) {
            ticker.cancel(false);
            session.kick(CloseCodes.NORMAL, "idle timeout: nothing received", true);
        } else if (!ended && channel.isWritable()) {
            // Skipped while the client is behind: its queue, not the heartbeat, decides whether it is cut.
            channel.writeAndFlush(new DefaultHttpContent(channel.alloc().buffer(COMMENT.length).writeBytes(COMMENT)),
                    channel.voidPromise());
        }
    }

    @Override
    public void receive(List<byte[]> frames) {
        lastUplinkNanos = System.nanoTime();
        channel.eventLoop().execute(() -> {
            for (byte[] f : frames) {
                session.onText(f);
            }
        });
    }

    void onWritable() {
        if (channel.isWritable()) {
            queue.drain();
        }
    }

    /** The connection is gone: no more heartbeats. */
    void onClosed() {
        ended = true;
        if (ticker != null) {
            ticker.cancel(false);
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
            end();
        });
    }

    @Override
    public void closeNow(byte[] lastFrame, int code, String reason) {
        onLoop(() -> {
            queue.stop();
            write(lastFrame);
            end();
        });
    }

    private void onLoop(Runnable task) {
        if (channel.eventLoop().inEventLoop()) {
            task.run();
        } else {
            channel.eventLoop().execute(task);
        }
    }

    /** Ends the response and the connection; one that cannot take the end in time is cut. */
    private void end() {
        if (ended) {
            return;
        }
        onClosed();
        channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(ChannelFutureListener.CLOSE);
        Future<?> cut = channel.eventLoop().schedule(() -> {
            channel.close();
        }, FORCE_CLOSE_MILLIS, TimeUnit.MILLISECONDS);
        channel.closeFuture().addListener(f -> cut.cancel(false));
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
        return channel.remoteAddress() instanceof InetSocketAddress a ? a.getAddress().getHostAddress() : "unknown";
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
        ByteBuf out = channel.alloc().buffer(DATA.length + frame.length + END_OF_EVENT.length);
        out.writeBytes(DATA).writeBytes(frame).writeBytes(END_OF_EVENT);
        channel.write(new DefaultHttpContent(out), channel.voidPromise());
    }

    @Override
    public void flush() {
        channel.flush();
    }
}
