package io.qrpush.sdk;

/**
 * A place in a channel's history (docs/protocol.md section 6): {@code offset} counts the
 * channel's publications from 1 (0 before the first); {@code epoch} is an opaque string that
 * changes whenever offsets restart, which makes every older position void.
 */
public record StreamPosition(long offset, String epoch) {
    public StreamPosition {
        if (offset < 0 || epoch == null || epoch.isEmpty()) {
            throw new IllegalArgumentException("a stream position needs an offset from 0 and an epoch");
        }
    }
}
