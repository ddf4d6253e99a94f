package io.qrpush.sdk;

/** Where a {@link QrPushClient} is in its life. */
public enum ClientState {
    /** Not connected and not trying: before {@link QrPushClient#connect()}, or after the server said not to come back. */
    DISCONNECTED,
    /** Opening a connection, waiting for authorize, or waiting out the backoff before the next attempt. */
    CONNECTING,
    /** Authorized: requests flow. */
    CONNECTED,
    /** {@link QrPushClient#close()} was called; final. */
    CLOSED
}
