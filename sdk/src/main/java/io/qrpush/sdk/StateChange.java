package io.qrpush.sdk;

/**
 * The client moved from {@code previous} to {@code state}. Leaving {@link ClientState#CONNECTED}
 * carries the close code and reason (the server's {@code disconnect} frame wins over the socket's
 * code; 1006 means the connection just dropped); other changes carry code 0.
 */
public record StateChange(ClientState state, ClientState previous, int code, String reason) {
}
