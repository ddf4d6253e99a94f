package io.qrpush.server.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.qrpush.protocol.Utf8;
import java.util.Arrays;

/**
 * Turns a connection's WebSocket data frames into whole messages (RFC 6455 5.4): a text message
 * as the bytes the session reads, checked as strict UTF-8 ({@link Utf8}); a binary one as a mark
 * (the protocol has no use for its bytes). A message in fragments is joined up to
 * {@code maxBytes}. In Netty's pipeline this was the UTF-8 validator and the fragment aggregator;
 * the answers come in the order they gave them: a fragment that cannot be UTF-8 is refused as it
 * arrives, before its size is looked at, and even in a message already over the limit, whose
 * remaining fragments are otherwise dropped. Not thread-safe: one per connection, on its loop.
 */
final class MessageJoiner {

    /** What a frame completed. */
    enum Outcome { MORE, TEXT, BINARY, TOO_BIG, NOT_UTF8 }

    private final int maxBytes;
    /** Between the first frame of a message in fragments and its last. */
    private boolean joining;
    private boolean text;
    /** The message passed maxBytes: the rest of it is dropped (its text still checked). */
    private boolean dropping;
    /** Bytes of the message so far. */
    private int size;
    /** A text message's bytes so far, {@code [0, filled)}; while dropping, only its unchecked tail. */
    private byte[] joined;
    private int filled;
    /** Where the whole characters checked in {@link #joined} end. */
    private int checked;
    private byte[] message;

    MessageJoiner(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The text message the last {@link Outcome#TEXT} completed. */
    byte[] text() {
        return message;
    }

    /** Whether a message in fragments is being joined: begun, not ended, not over the limit. */
    boolean waitingForMore() {
        return joining && !dropping;
    }

    /** A text or binary frame: a whole message, or the first fragment of one. */
    Outcome first(boolean isText, boolean last, ByteBuf content) {
        message = null;
        if (last) {
            joining = false;
            // The common case: one frame, one copy, one check.
            if (!isText) {
                return Outcome.BINARY;
            }
            byte[] bytes = ByteBufUtil.getBytes(content);
            if (!Utf8.isValid(bytes, 0, bytes.length)) {
                return Outcome.NOT_UTF8;
            }
            message = bytes;
            return Outcome.TEXT;
        }
        joining = true;
        text = isText;
        dropping = false;
        size = 0;
        filled = 0;
        checked = 0;
        return fragment(false, content);
    }

    /** A continuation frame; one outside a message is dropped (Netty's frame decoder refuses it first). */
    Outcome continuation(boolean last, ByteBuf content) {
        message = null;
        return joining ? fragment(last, content) : Outcome.MORE;
    }

    private Outcome fragment(boolean last, ByteBuf content) {
        int n = content.readableBytes();
        if (text && (!check(content) || last && checked != filled)) {
            end();
            return Outcome.NOT_UTF8; // cannot be UTF-8, or ends inside a character
        }
        Outcome o = Outcome.MORE;
        if (!dropping) {
            if (size > maxBytes - n) {
                dropping = true;
                o = Outcome.TOO_BIG;
            } else {
                size += n;
                if (last) {
                    o = text ? Outcome.TEXT : Outcome.BINARY;
                    message = text ? (joined.length == filled ? joined : Arrays.copyOf(joined, filled)) : null;
                }
            }
        }
        if (last) {
            end();
        }
        return o;
    }

    /** Adds a fragment's text and checks it as far as it goes; false when it cannot be UTF-8. */
    private boolean check(ByteBuf content) {
        int n = content.readableBytes();
        if (dropping) {
            // Only a character cut short at the end needs keeping: the checked rest can go.
            System.arraycopy(joined, checked, joined, 0, filled - checked);
            filled -= checked;
            checked = 0;
        }
        if (joined == null) {
            joined = new byte[n];
        } else if (joined.length - filled < n) {
            joined = Arrays.copyOf(joined, Math.max(filled + n, Math.min(joined.length * 2, maxBytes)));
        }
        content.getBytes(content.readerIndex(), joined, filled, n);
        filled += n;
        checked = Utf8.completeUpTo(joined, checked, filled);
        return checked >= 0;
    }

    private void end() {
        joining = false;
        joined = null;
    }
}
