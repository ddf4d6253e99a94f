package io.qrpush.protocol;

/**
 * Strict UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF). Jackson's
 * parser lets some malformed sequences through (an overlong {@code C0 AF}) because it decodes
 * them into a string that is written again as valid UTF-8. Content is now relayed as its bytes,
 * and a WebSocket client fails the whole connection on invalid UTF-8 in a text frame, so the
 * relayed range is checked here. Written by hand because the JDK checks UTF-8 only by decoding
 * into a new buffer, an allocation per message on the hot path.
 */
final class Utf8 {
    private Utf8() {
    }

    /** Whether {@code bytes[from, to)} is well-formed UTF-8. */
    static boolean isValid(byte[] bytes, int from, int to) {
        int i = from;
        while (i < to) {
            int b = bytes[i] & 0xFF;
            if (b < 0x80) {
                i++;
                continue;
            }
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
                return false;
            }
            if (i + length > to) {
                return false;
            }
            int second = bytes[i + 1] & 0xFF;
            if (second < min || second > max) {
                return false;
            }
            for (int k = 2; k < length; k++) {
                if ((bytes[i + k] & 0xC0) != 0x80) {
                    return false;
                }
            }
            i += length;
        }
        return true;
    }
}
