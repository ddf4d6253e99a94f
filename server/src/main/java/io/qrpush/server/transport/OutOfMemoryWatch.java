package io.qrpush.server.transport;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.qrpush.server.metrics.ServerMetrics;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First in every connection's pipeline: an {@link OutOfMemoryError} raised while reading (Netty
 * failing to reserve a direct buffer, typically) is logged at ERROR, counted in
 * {@code qrpush_out_of_memory_errors_total}, and closes the connection it hit. Until this, Netty
 * handed it to the HTTP handler, which logged it at DEBUG and went on. One error in ten seconds is
 * logged with its stack; the rest are counted in the next line, so hundreds do not flood the log.
 */
@Sharable
final class OutOfMemoryWatch extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(OutOfMemoryWatch.class);
    private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final ServerMetrics metrics;
    private final AtomicLong nextLogNanos = new AtomicLong(System.nanoTime());
    private final AtomicLong unlogged = new AtomicLong();

    OutOfMemoryWatch(ServerMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!report(cause)) {
            ctx.fireExceptionCaught(cause);
            return;
        }
        ctx.close();
    }

    /** Counts and logs {@code cause} if it is an OutOfMemoryError; returns whether it was. */
    boolean report(Throwable cause) {
        if (!(cause instanceof OutOfMemoryError)) {
            return false;
        }
        metrics.outOfMemory();
        long now = System.nanoTime();
        long next = nextLogNanos.get();
        if (now - next >= 0 && nextLogNanos.compareAndSet(next, now + LOG_EVERY_NANOS)) {
            LOG.error("out of memory on a connection, closing it ({} more since the last report; "
                    + "see limits.maxBodyBytesInFlight and -XX:MaxDirectMemorySize in docs/configuration.md)",
                    unlogged.getAndSet(0), cause);
        } else {
            unlogged.incrementAndGet();
        }
        return true;
    }
}
