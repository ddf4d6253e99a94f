package io.qrpush.server.transport;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A connection's bounded queue of encoded frames, filled from any thread and drained on the
 * connection's own thread while the socket is writable. Draining in one task writes a batch and
 * flushes once. Fan-out deliveries already run on the connection's thread and skip the queue
 * when nothing waits in it ({@link #offerOnLoop}); replies made on that thread do too, flushed
 * once after its batch of reads ({@link #offerOnLoopFlushLater}). When the queued bytes pass the limit, the
 * consumer is too slow: the offer that passed it says so to its caller, and the queue drops
 * everything from then on.
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
    private final Runnable flushLater = this::flushWritten;
    /** Set on the connection's thread once a frame is written with its flush left for later. */
    private boolean flushScheduled;
    private final long maxBytes;
    private final Executor loop;
    private final Sink sink;
    private volatile boolean stopped;

    OutboundQueue(long maxBytes, Executor loop, Sink sink) {
        this.maxBytes = maxBytes;
        this.loop = loop;
        this.sink = sink;
    }

    /**
     * Queues a frame; any thread. Returns false when this frame passed the limit (the queue is
     * stopped and emptied then); a stopped queue takes frames silently.
     */
    boolean offer(byte[] frame) {
        if (stopped) {
            return true;
        }
        if (queuedBytes.addAndGet(frame.length) > maxBytes) {
            stop();
            return false;
        }
        frames.add(frame);
        if (drainScheduled.compareAndSet(false, true)) {
            loop.execute(this::drain);
        }
        return true;
    }

    /**
     * Writes the frame at once when nothing waits before it and the socket takes more, else
     * queues it like {@link #offer}; on the connection's thread.
     */
    boolean offerOnLoop(byte[] frame) {
        if (wroteAtOnce(frame)) {
            sink.flush();
            return true;
        }
        return offer(frame);
    }

    /**
     * Like {@link #offerOnLoop}, but the flush waits for a task after the thread's current batch of
     * reads, so that the replies to several requests read at once leave in one system call. A
     * reply this way costs no queue node and no atomic update; the task is one of the loop's own
     * (no wake-up). On the connection's thread.
     */
    boolean offerOnLoopFlushLater(byte[] frame) {
        if (wroteAtOnce(frame)) {
            if (!flushScheduled) {
                flushScheduled = true;
                loop.execute(flushLater);
            }
            return true;
        }
        return offer(frame);
    }

    /** Writes the frame, unflushed, when nothing waits before it and the socket takes more. */
    private boolean wroteAtOnce(byte[] frame) {
        if (!stopped && frames.isEmpty() && sink.writable()) {
            sink.write(frame);
            return true;
        }
        return false;
    }

    private void flushWritten() {
        flushScheduled = false;
        sink.flush();
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
