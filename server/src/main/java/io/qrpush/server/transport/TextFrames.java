package io.qrpush.server.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Whole server-to-client WebSocket text frames (RFC 6455 5.2): FIN and opcode 1 in the first
 * byte, no mask, then the payload's length in 7, 7+16 or 7+64 bits. Built here, in one buffer,
 * so that a message fanned out to thousands of connections skips two encoders and their
 * intermediate objects on each of them.
 */
final class TextFrames {
    private static final int FIN_TEXT = 0x81;
    private static final int LENGTH_16 = 126;
    private static final int LENGTH_64 = 127;

    private TextFrames() {
    }

    static int headerLength(int payloadLength) {
        return payloadLength < LENGTH_16 ? 2 : payloadLength <= 0xFFFF ? 4 : 10;
    }

    /** The frame carrying {@code payload}, in an I/O buffer from {@code alloc}; the caller owns it. */
    static ByteBuf frame(ByteBufAllocator alloc, byte[] payload) {
        int n = payload.length;
        ByteBuf out = alloc.ioBuffer(headerLength(n) + n);
        out.writeByte(FIN_TEXT);
        if (n < LENGTH_16) {
            out.writeByte(n);
        } else if (n <= 0xFFFF) {
            out.writeByte(LENGTH_16).writeShort(n);
        } else {
            out.writeByte(LENGTH_64).writeLong(n);
        }
        return out.writeBytes(payload);
    }
}
