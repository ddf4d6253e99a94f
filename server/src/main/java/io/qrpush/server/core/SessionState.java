package io.qrpush.server.core;

/**
 * A session's life in one word. A session waiting for an answer (from the broker, a store, a
 * feature) holds its next requests back; a closing one has sent its {@code disconnect} and reads
 * nothing more; a closed one has left every channel.
 *
 * <pre>
 * CONNECTED --authorize asked--> AUTHORIZING --refused--> CONNECTED
 *     |                               |
 *     +--------- accepted ------------+--> AUTHORIZED &lt;--answered-- ANSWERING
 *                                              +------request waits-----^
 * any open state --disconnect, slow consumer--> CLOSING --connection gone--> CLOSED
 * </pre>
 */
enum SessionState {
    CONNECTED, AUTHORIZING, AUTHORIZED, ANSWERING, CLOSING, CLOSED;

    /** Still reading frames and delivering messages. */
    boolean open() {
        return this.compareTo(CLOSING) < 0;
    }

    /** Open and waiting for no answer: the next request may go. */
    boolean ready() {
        return this == CONNECTED || this == AUTHORIZED;
    }

    /** A request's answer is not ready yet. */
    SessionState waiting() {
        return switch (this) {
            case CONNECTED -> AUTHORIZING;
            case AUTHORIZED -> ANSWERING;
            default -> this;
        };
    }

    /** The answer waited for is here; its content may authorize next. */
    SessionState answered() {
        return switch (this) {
            case AUTHORIZING -> CONNECTED;
            case ANSWERING -> AUTHORIZED;
            default -> this;
        };
    }

    /** An authorize was accepted. */
    SessionState authorized() {
        return this == CONNECTED ? AUTHORIZED : this;
    }
}
