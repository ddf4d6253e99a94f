package io.qrpush.server.transport;

import io.netty.channel.Channel;
import io.qrpush.server.core.Transport;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * What every {@link Transport} over a Netty channel shares, whatever frames its protocol frames
 * in (WebSocket frames in {@link NettyTransport}, server-sent events in {@link StreamTransport}):
 * the bounded {@link OutboundQueue} drained while the socket takes more, the connection's thread,
 * its timers and its peer.
 */
abstract class ChannelTransport implements Transport, OutboundQueue.Sink {
    /** A peer that does not finish the close we started within this time is cut. */
    static final long FORCE_CLOSE_MILLIS = 3000;

    final Channel channel;
    final OutboundQueue queue;
    private final String origin;
    private final String clientAddress;

    ChannelTransport(Channel channel, String origin, String clientAddress, long maxOutboundBytes) {
        this.channel = channel;
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
        return channel.eventLoop().inEventLoop() ? queue.offerOnLoopFlushLater(frame) : queue.offer(frame);
    }

    @Override
    public boolean sendOnLoop(byte[] frame) {
        return queue.offerOnLoop(frame);
    }

    /** At once when already on the connection's thread: a close must not wait behind a channel close. */
    void onLoop(Runnable task) {
        if (channel.eventLoop().inEventLoop()) {
            task.run();
        } else {
            channel.eventLoop().execute(task);
        }
    }

    /** Closes the channel unless it closed by itself within {@link #FORCE_CLOSE_MILLIS}. */
    void cutLater() {
        Future<?> cut = channel.eventLoop().schedule(() -> {
            channel.close();
        }, FORCE_CLOSE_MILLIS, TimeUnit.MILLISECONDS);
        // A pending task holds the whole connection: gone with the socket, not 3 s later.
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
}
