package io.qrpush.loadtest.net;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.util.concurrent.ScheduledFuture;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.qrpush.loadtest.metrics.MicroClock;
import io.qrpush.protocol.ClientFrame;
import io.qrpush.protocol.FrameCodec;
import io.qrpush.protocol.ReconnectDelay;
import io.qrpush.protocol.ServerFrame;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

/**
 * One client connection, past its WebSocket handshake or with its HTTP stream about to open.
 * Knows the protocol's request/reply pairing and nothing of scenarios; how frames leave is its
 * {@link FrameWriter}'s business. All state is confined to the connection's event loop, so no
 * locks: calls from other threads hop onto it.
 */
public final class WsConnection {
    /** What a scenario hears from a connection; called on the connection's event loop. */
    public interface Listener {
        void onMessage(WsConnection c, ServerFrame.Message m, long receivedMicros);

        /**
         * A text frame before the generic decoder sees it: true when the listener has read it
         * itself, so that a scenario's own hot messages need not be built as trees.
         */
        default boolean onText(WsConnection c, byte[] utf8, long receivedMicros) {
            return false;
        }

        /**
         * Whether a close the server began with {@code code} is what the scenario waits for (a
         * drain's 1001 in an avalanche run) rather than an error to count.
         */
        default boolean closeExpected(int code) {
            return false;
        }

        /** The connection is gone; {@code byUs} when this side asked for the close. */
        default void onClosed(WsConnection c, int code, boolean byUs) {
        }
    }

    /** Where unexpected closes and undecodable frames are counted. */
    public interface ErrorSink {
        void error(String key);
    }

    private static final Listener IGNORE = (c, m, t) -> { };

    /** How a connection's frames leave: as WebSocket frames, or over an HTTP stream's uplinks. */
    interface FrameWriter {
        /** Sends one encoded client frame; on the connection's event loop. */
        void write(byte[] frame);

        /** Starts an orderly close; on the connection's event loop. */
        void goodbye();
    }

    private final Channel channel;
    private final FrameWriter writer;
    private final FrameCodec codec;
    private final ErrorSink errors;
    private final Map<Long, CompletableFuture<ServerFrame.Reply>> pending = new HashMap<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private volatile Listener listener = IGNORE;
    private long nextId;
    private int closeCode = -1;
    private volatile ReconnectDelay reconnectDelay;
    private boolean closing;
    /** The end was counted where it was found ({@link #lost}). */
    private boolean lostCounted;

    WsConnection(Channel channel, FrameCodec codec, ErrorSink errors, FrameWriter writer) {
        this.channel = channel;
        this.writer = writer;
        this.codec = codec;
        this.errors = errors;
    }

    public void listener(Listener l) {
        this.listener = l == null ? IGNORE : l;
    }

    public Channel channel() {
        return channel;
    }

    /** Completes with the close code (-1 without a close frame) once the connection is gone. */
    public CompletableFuture<Integer> closeFuture() {
        return closed;
    }

    public boolean isOpen() {
        return channel.isActive() && !closing;
    }

    /**
     * Sends a request built around the next id; the future completes with its reply on the
     * event loop, or fails with {@link ConnectionClosedException}.
     */
    public CompletableFuture<ServerFrame.Reply> request(LongFunction<ClientFrame.Request> make) {
        CompletableFuture<ServerFrame.Reply> f = new CompletableFuture<>();
        onLoop(() -> {
            if (!channel.isActive()) {
                f.completeExceptionally(new ConnectionClosedException(closeCode, closing));
                return;
            }
            long id = ++nextId;
            pending.put(id, f);
            write(make.apply(id));
        });
        return f;
    }

    /** Sends a frame that gets no reply (ack, ping). */
    public void send(ClientFrame frame) {
        onLoop(() -> write(frame));
    }

    /** Frames as WebSocket text frames, and the close as a close frame with 1000. */
    static FrameWriter webSocket(Channel channel) {
        return new FrameWriter() {
            @Override
            public void write(byte[] frame) {
                channel.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(frame)));
            }

            @Override
            public void goodbye() {
                channel.writeAndFlush(new CloseWebSocketFrame(1000, "load test done"));
            }
        };
    }

    /** Closes (with 1000 over WebSocket), waits up to 3 s for the server's close, then cuts the TCP connection. */
    public CompletableFuture<Integer> close() {
        onLoop(() -> {
            if (closing || !channel.isActive()) {
                return;
            }
            closing = true;
            writer.goodbye();
            ScheduledFuture<?> cut = channel.eventLoop().schedule(() -> {
                channel.close();
            }, 3, TimeUnit.SECONDS);
            // A pending task holds the connection and all it refers to: at thousands of closes a
            // second, keeping them longer than needed lengthens the load tester's own GC pauses.
            channel.closeFuture().addListener(f -> cut.cancel(false));
        });
        return closed;
    }

    /**
     * Cuts the TCP connection with a reset (SO_LINGER 0, then close), as a network fault or a
     * crashed peer would: no close frame, no FIN. Counted as a close this side asked for.
     */
    public void reset() {
        onLoop(() -> {
            if (!channel.isActive()) {
                return;
            }
            closing = true;
            channel.config().setOption(ChannelOption.SO_LINGER, 0);
            channel.close();
        });
    }

    private void write(ClientFrame frame) {
        writer.write(codec.encode(frame));
    }

    /** The {@code delay} of the server's {@code disconnect} frame, or null when it sent none. */
    public ReconnectDelay reconnectDelay() {
        return reconnectDelay;
    }

    private void onLoop(Runnable r) {
        if (channel.eventLoop().inEventLoop()) {
            r.run();
        } else {
            channel.eventLoop().execute(r);
        }
    }

    void onText(byte[] utf8) {
        long now = MicroClock.now();
        if (listener.onText(this, utf8, now)) {
            return;
        }
        ServerFrame frame;
        try {
            frame = codec.decodeServer(utf8);
        } catch (RuntimeException e) {
            errors.error("error:undecodable_frame");
            return;
        }
        if (frame instanceof ServerFrame.Message m) {
            listener.onMessage(this, m, now);
        } else if (frame instanceof ServerFrame.Reply r) {
            CompletableFuture<ServerFrame.Reply> f = r.id() == null ? null : pending.remove(r.id());
            if (f == null) {
                errors.error("error:reply_without_request" + (r.error() == null ? "" : "_" + r.error()));
            } else {
                f.complete(r);
            }
        } else if (frame instanceof ServerFrame.Disconnect d) {
            closeCode = d.code();
            reconnectDelay = d.delay();
        }
    }

    void onCloseFrame(int code) {
        if (closeCode < 0) {
            closeCode = code;
        }
    }

    /** Whether the server's {@code disconnect} frame came: the connection's end is on its way. */
    boolean toldToClose() {
        return closeCode >= 0;
    }

    /**
     * The server no longer knows this connection, and said so otherwise than by closing it (an
     * HTTP stream's uplink answered 404, counted by the caller): ends it as the server's close,
     * which the scenario sees as such, but not counted a second time. On the event loop.
     */
    void lost() {
        lostCounted = true;
        channel.close();
    }

    void onInactive() {
        boolean byUs = closing;
        if (!byUs && !lostCounted && !listener.closeExpected(closeCode)) {
            errors.error("close:" + (closeCode < 0 ? "none" : Integer.toString(closeCode)));
        }
        if (!pending.isEmpty()) {
            ConnectionClosedException e = new ConnectionClosedException(closeCode, byUs);
            pending.values().forEach(f -> f.completeExceptionally(e));
            pending.clear();
        }
        listener.onClosed(this, closeCode, byUs);
        closed.complete(closeCode);
    }
}
