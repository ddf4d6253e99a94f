package io.qrpush.server.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import io.qrpush.protocol.CloseCodes;
import io.qrpush.server.core.Session;
import io.qrpush.server.core.StreamUplink;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * The {@link ChannelTransport} of the response to {@code POST /stream} (docs/protocol.md section
 * 8): each frame is one server-sent event, {@code data: <json>} and a blank line, flushed as it leaves the
 * same bounded {@link OutboundQueue} a WebSocket has, so a client that stopped reading is cut as a
 * slow consumer. A close code travels as the {@code disconnect} event before it; then the response
 * ends. Frames posted to {@code /emulation} arrive through {@link #receive} and count as the
 * client's activity: one that posts nothing (not even a ping) for {@code idleTimeout} is closed,
 * and a comment line every {@code pingInterval} stands in for the WebSocket ping.
 */
final class StreamTransport extends ChannelTransport implements StreamUplink {
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END_OF_EVENT = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] COMMENT = ":\n\n".getBytes(StandardCharsets.US_ASCII);

    private final long idleNanos;
    private Session session;
    private Heartbeat beat;
    private boolean ended;

    StreamTransport(Channel channel, String origin, String clientAddress, long maxOutboundBytes,
                    Duration idleTimeout) {
        super(channel, origin, clientAddress, maxOutboundBytes);
        this.idleNanos = idleTimeout.toNanos();
    }

    /** Starts the heartbeat for the session this stream carries; on the connection's thread. */
    void start(Session s, Duration pingInterval) {
        this.session = s;
        beat = new Heartbeat(pingInterval.toNanos(), idleNanos, this::comment,
                () -> session.kick(CloseCodes.NORMAL, "idle timeout: nothing received", true));
        beat.start(channel.eventLoop());
    }

    /** The stream's ping: a comment line, which server-sent event readers skip. */
    private void comment() {
        if (!ended && channel.isWritable()) {
            // Skipped while the client is behind: its queue, not the heartbeat, decides whether it is cut.
            channel.writeAndFlush(new DefaultHttpContent(channel.alloc().buffer(COMMENT.length).writeBytes(COMMENT)),
                    channel.voidPromise());
        }
    }

    @Override
    public void receive(List<byte[]> frames) {
        channel.eventLoop().execute(() -> {
            beat.activity();
            for (byte[] f : frames) {
                session.onText(f);
            }
        });
    }

    /** The connection is gone: no more heartbeats. */
    void onClosed() {
        ended = true;
        if (beat != null) {
            beat.stop();
        }
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

    /** Ends the response and the connection; one that cannot take the end in time is cut. */
    private void end() {
        if (ended) {
            return;
        }
        onClosed();
        channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(ChannelFutureListener.CLOSE);
        cutLater();
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
