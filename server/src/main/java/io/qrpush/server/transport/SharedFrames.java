package io.qrpush.server.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.concurrent.FastThreadLocal;

/**
 * A connection thread's last framed message, so that a message fanned out to many connections on
 * one thread is framed once and written to each as a duplicate of the same buffer, rather than a
 * buffer allocated and filled per subscriber. A fan-out hands every subscriber the same payload
 * array and a payload is never changed once encoded, so the array's identity is the key. A
 * payload's first write on a thread is framed for it alone; the frame kept for sharing is made at
 * its second, so a message to a single subscriber costs no duplicate and keeps nothing. Any
 * other payload replaces the kept frame; at most one frame per thread stays in memory. Only for
 * connections whose pipeline never writes into a buffer it is given, that is, without TLS.
 */
final class SharedFrames {
    private static final FastThreadLocal<SharedFrames> LAST = new FastThreadLocal<>() {
        @Override
        protected SharedFrames initialValue() {
            return new SharedFrames();
        }

        @Override
        protected void onRemoval(SharedFrames last) {
            last.forget();
        }
    };

    private byte[] payload;
    private ByteBuf frame;

    /** The frame carrying {@code payload}, shared with this thread's other writes of it; the caller owns one reference. */
    static ByteBuf onThisThread(ByteBufAllocator alloc, byte[] payload) {
        return LAST.get().frame(alloc, payload);
    }

    ByteBuf frame(ByteBufAllocator alloc, byte[] payload) {
        if (payload != this.payload) {
            forget();
            this.payload = payload;
            // A payload's first write here gets a frame of its own and nothing is kept: most
            // messages have one subscriber (a login channel's browser), for whom a shared frame
            // costs a duplicate, a kept reference and their releases, and nothing is saved.
            return TextFrames.frame(alloc, payload);
        }
        if (frame == null) {
            // Its second write here: a fan-out. From now on it is framed once, for every write after.
            frame = TextFrames.frame(alloc, payload);
        }
        // Each write gets its own indexes over the shared bytes; the kept frame is never written itself.
        return frame.retainedDuplicate();
    }

    /** Drops this thread's reference; writes still in flight keep the memory until they finish. */
    void forget() {
        if (frame != null) {
            frame.release();
            frame = null;
        }
        payload = null;
    }
}
