package io.qrpush.sdk;

import io.qrpush.protocol.ErrorWord;

/**
 * A call that failed: the server refused it (HTTP-like {@link #status()} with the protocol's
 * machine word in {@link #error()}), or it never got an answer (status 0, error
 * {@code connection_failed}, {@code timeout}, {@code disconnected} or {@code closed}).
 * Switch on {@link #kind()} rather than on numbers.
 *
 * <p>Messages carry the server's explanation and never a credential: the SDK builds them from the
 * status, the error word and the server's message only.
 */
public class QrPushException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What kind of failure this is, and so what a caller can do about it. */
    public enum Kind {
        /** 400: malformed request, bad channel name; fix the call. */
        BAD_REQUEST,
        /** 401: wrong apiKey, bad or reused otp. */
        UNAUTHORIZED,
        /** 403: not allowed for this user, origin or channel. */
        FORBIDDEN,
        /** 404: unknown login session or endpoint. */
        NOT_FOUND,
        /** 409: login session locked by another user, or a step out of order. */
        CONFLICT,
        /** 410: ticket or login session used up, expired or cancelled. */
        GONE,
        /** 413: content too large. */
        TOO_LARGE,
        /** 429: a limit was hit; slow down. */
        RATE_LIMITED,
        /** 5xx or no connection to the server: safe to retry later. */
        UNAVAILABLE,
        /** No answer within the timeout. */
        TIMEOUT,
        /** The realtime connection dropped or was closed before the answer came. */
        DISCONNECTED,
        /** Anything else. */
        OTHER
    }

    /** Error word for a call that never reached the server. */
    public static final String CONNECTION_FAILED = "connection_failed";
    /** Error word for a call that got no answer in time. */
    public static final String TIMEOUT = "timeout";
    /** Error word for a realtime call cut off by a lost connection. */
    public static final String DISCONNECTED = "disconnected";
    /** Error word for a realtime call on a client that was closed. */
    public static final String CLOSED = "closed";

    private final int status;
    private final String error;
    private final String serverMessage;
    private final int attempts;

    public QrPushException(int status, String error, String message) {
        this(status, error, message, null, 1);
    }

    public QrPushException(int status, String error, String message, Throwable cause, int attempts) {
        super(describe(status, error, message), cause);
        this.status = status;
        this.error = error == null ? "unknown" : error;
        this.serverMessage = message;
        this.attempts = attempts;
    }

    private static String describe(int status, String error, String message) {
        String head = (status == 0 ? "" : status + " ") + (error == null ? "unknown" : error);
        return message == null || message.isEmpty() || message.equals(error) ? head : head + ": " + message;
    }

    /** The HTTP-like status, or 0 when no answer was received. */
    public int status() {
        return status;
    }

    /** The machine word ({@code bad_channel}, {@code gone}, ... or one of this class's constants). */
    public String error() {
        return error;
    }

    /** The protocol's error word, or null for SDK-side words like {@code connection_failed}. */
    public ErrorWord errorWord() {
        return ErrorWord.fromWord(error);
    }

    /** The server's explanation for people, as it sent it (may be null). */
    public String serverMessage() {
        return serverMessage;
    }

    /** How many times the call was tried before this failure was final (1 = no retry). */
    public int attempts() {
        return attempts;
    }

    public Kind kind() {
        return kindOf(status, error);
    }

    /** Whether trying the same call again later may succeed. */
    public boolean isRetryable() {
        Kind k = kind();
        return k == Kind.UNAVAILABLE || k == Kind.TIMEOUT || k == Kind.DISCONNECTED || k == Kind.RATE_LIMITED;
    }

    /** The same failure, recording how many attempts were made. */
    QrPushException afterAttempts(int n) {
        return n == attempts ? this : new QrPushException(status, error, serverMessage, getCause(), n);
    }

    static Kind kindOf(int status, String error) {
        if (status == 0) {
            if (TIMEOUT.equals(error)) {
                return Kind.TIMEOUT;
            }
            if (DISCONNECTED.equals(error) || CLOSED.equals(error)) {
                return Kind.DISCONNECTED;
            }
            return CONNECTION_FAILED.equals(error) ? Kind.UNAVAILABLE : Kind.OTHER;
        }
        if (status >= 500) {
            return Kind.UNAVAILABLE;
        }
        switch (status) {
            case 400: return Kind.BAD_REQUEST;
            case 401: return Kind.UNAUTHORIZED;
            case 403: return Kind.FORBIDDEN;
            case 404: return Kind.NOT_FOUND;
            case 409: return Kind.CONFLICT;
            case 410: return Kind.GONE;
            case 413: return Kind.TOO_LARGE;
            case 429: return Kind.RATE_LIMITED;
            default: return Kind.OTHER;
        }
    }
}
