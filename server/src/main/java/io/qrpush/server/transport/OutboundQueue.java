package io.qrpush.server.transport;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A connection's bounded queue of encoded frames, filled from any thread and drained on the
 * connection's own thread while the socket is writable. Draining in one task writes a batch and
 * flushes once. Fan-out deliveries already run on the connection's thread and skip the queue
 * when nothing waits in it ({@link #offerOnLoop}). When the queued bytes pass the limit, the
 * consumer is too slow: the overflow callback runs once and later frames are dropped.
 */
final class OutboundQueue {

    /** Where frames go; called on the connection's thread only. */
    interface Sink {
        boolean writable();

        void write(byte[] frame);

        void flush();
    }

    private final ConcurrentLinkedQueue<byte[]> frames = new ConcurrentLinkedQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final long maxBytes;
    private final Executor loop;
    private final Sink sink;
    private final Runnable onOverflow;
    private volatile boolean stopped;

    OutboundQueue(long maxBytes, Executor loop, Sink sink, Runnable onOverflow) {
        this.maxBytes = maxBytes;
        this.loop = loop;
        this.sink = sink;
        this.onOverflow = onOverflow;
    }

    /** Queues a frame; any thread. */
    void offer(byte[] frame) {
        if (stopped) {
            return;
        }
        if (queuedBytes.addAndGet(frame.length) > maxBytes) {
            stopped = true;
            frames.clear();
            loop.execute(onOverflow);
            return;
        }
        frames.add(frame);
        if (drainScheduled.compareAndSet(false, true)) {
            loop.execute(this::drain);
        }
    }

    /**
     * Writes the frame at once when nothing waits before it and the socket takes more, else
     * queues it like {@link #offer}; on the connection's thread.
     */
    void offerOnLoop(byte[] frame) {
        if (!stopped && frames.isEmpty() && sink.writable()) {
            sink.write(frame);
            sink.flush();
        } else {
            offer(frame);
        }
    }

    /** Writes while the socket takes more; on the connection's thread. */
    void drain() {
        drainScheduled.set(false);
        write(false);
    }

    /** Writes everything left regardless of writability (before a close); on the connection's thread. */
    void drainAll() {
        write(true);
    }

    private void write(boolean all) {
        boolean wrote = false;
        byte[] frame;
        while ((all || sink.writable()) && (frame = frames.poll()) != null) {
            queuedBytes.addAndGet(-frame.length);
            sink.write(frame);
            wrote = true;
        }
        if (wrote) {
            sink.flush();
        }
    }

    /** Refuses further frames and forgets the queued ones. */
    void stop() {
        stopped = true;
        frames.clear();
    }

    long queuedBytes() {
        return queuedBytes.get();
    }
}
