package io.qrpush.sdk;

/**
 * What the server said when it authorized the connection.
 *
 * @param sid        the connection's id on the server
 * @param userId     the otp's {@code sub}, or {@code anon-<sid>} for an anonymous connection
 * @param canPublish whether this connection may publish anywhere at all
 */
public record ConnectInfo(String sid, String userId, boolean canPublish, long pingIntervalMillis) {
}
