package io.qrpush.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Strict UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF). Jackson's
 * parser lets some malformed sequences through (an overlong {@code C0 AF}) because it decodes
 * them into a string that is written again as valid UTF-8. Content is now relayed as its bytes,
 * and a WebSocket client fails the whole connection on invalid UTF-8 in a text frame, so the
 * relayed range is checked here; the server checks each inbound text frame with it too, in place
 * of Netty's per-byte validator. Written by hand because the JDK checks UTF-8 only by decoding
 * into a new buffer, an allocation per message on the hot path.
 *
 * <p>Text here is mostly ASCII JSON, so runs of ASCII are skipped eight bytes at a time: one
 * unaligned {@code long} read and one mask per word, where a byte at a time costs a load and a
 * branch per byte. Only the bytes from the first one with its top bit set are checked one by one.
 */
public final class Utf8 {
    /** Eight bytes at a time; little-endian, so the lowest address is the lowest byte. */
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long TOP_BITS = 0x8080808080808080L;

    private Utf8() {
    }

    /** Whether {@code bytes[from, to)} is well-formed UTF-8. */
    public static boolean isValid(byte[] bytes, int from, int to) {
        return completeUpTo(bytes, from, to) == to;
    }

    /**
     * For text that arrives in pieces (a WebSocket message in fragments): where the well-formed
     * whole characters of {@code bytes[from, to)} end. That is {@code to} when the range is valid
     * as it is; the start of its last character when that one is cut short but could still be
     * completed by the bytes that follow (check again from there once they are in); -1 when no
     * bytes that follow could make the range valid.
     */
    public static int completeUpTo(byte[] bytes, int from, int to) {
        int i = from;
        while (i < to) {
            if (i <= to - Long.BYTES) {
                long top = (long) WORDS.get(bytes, i) & TOP_BITS;
                if (top == 0) {
                    i += Long.BYTES;
                    continue;
                }
                i += Long.numberOfTrailingZeros(top) >>> 3; // to the first byte that is not ASCII
            } else if (bytes[i] >= 0) {
                i++;
                continue;
            }
            int length = sequence(bytes, i, to);
            if (length <= 0) {
                return length == 0 ? i : -1;
            }
            i += length;
        }
        return i;
    }

    /**
     * The length of the multi-byte character starting at {@code i} (its first byte is not ASCII);
     * 0 when it is cut short by {@code to} but valid so far, -1 when it is malformed.
     */
    private static int sequence(byte[] bytes, int i, int to) {
        int b = bytes[i] & 0xFF;
        int length;
        int min = 0x80;
        int max = 0xBF;
        if (b >= 0xC2 && b <= 0xDF) {
            length = 2;
        } else if (b >= 0xE0 && b <= 0xEF) {
            length = 3;
            if (b == 0xE0) {
                min = 0xA0; // overlong below U+0800
            } else if (b == 0xED) {
                max = 0x9F; // surrogates U+D800..U+DFFF
            }
        } else if (b >= 0xF0 && b <= 0xF4) {
            length = 4;
            if (b == 0xF0) {
                min = 0x90; // overlong below U+10000
            } else if (b == 0xF4) {
                max = 0x8F; // above U+10FFFF
            }
        } else {
            return -1;
        }
        int end = Math.min(i + length, to);
        if (i + 1 < end) {
            int second = bytes[i + 1] & 0xFF;
            if (second < min || second > max) {
                return -1;
            }
        }
        for (int k = i + 2; k < end; k++) {
            if ((bytes[k] & 0xC0) != 0x80) {
                return -1;
            }
        }
        return end - i == length ? length : 0;
    }
}
