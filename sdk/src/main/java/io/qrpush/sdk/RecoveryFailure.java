package io.qrpush.sdk;

/**
 * A resubscribe could not recover what was published while the client was disconnected: it was
 * older than the kept history, or the history restarted under a new epoch. Messages may be
 * missing: refetch the channel's state by your own means. Live messages continue after
 * {@code position}.
 */
public record RecoveryFailure(String channel, StreamPosition position) {
}
