package io.qrpush.server.core;

/** The broker cannot be reached; answered as 503 {@code unavailable}, safe to retry. */
public final class BrokerUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BrokerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
