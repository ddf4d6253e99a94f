package io.qrpush.protocol.policy;

import io.qrpush.protocol.ErrorWord;

/**
 * What a client does with a failed reply, decided by its error word, never by its message text
 * (docs/protocol.md, "Client behaviour").
 */
public enum ErrorAction {
    /** Server or broker trouble, or a limit that refills: try the same thing again after a wait. */
    RETRY,
    /** The otp was refused: mint a fresh one and authorize again on a new connection. */
    REAUTHORIZE,
    /** The app's credentials or origin are wrong: stop, since no new attempt can change them. */
    STOP,
    /** Anything else: the request fails and the application hears why. */
    SURFACE;

    /**
     * The action for an error word. A word this version does not know falls back on its code:
     * 5xx is server trouble, safe to retry (docs/protocol.md section 3); anything else surfaces.
     */
    public static ErrorAction of(String word, int code) {
        ErrorWord known = ErrorWord.fromWord(word);
        if (known == null) {
            return code >= 500 && code <= 599 ? RETRY : SURFACE;
        }
        return switch (known) {
            case INTERNAL, UNAVAILABLE, RATE_LIMITED -> RETRY;
            case BAD_OTP, OTP_REUSED, OTP_EXPIRED -> REAUTHORIZE;
            case UNAUTHORIZED, ORIGIN_NOT_ALLOWED -> STOP;
            default -> SURFACE;
        };
    }

    /** The window of a retry's wait: {@code rate_limited} waits in the rate-limited one. */
    public static BackoffClass backoffOf(String word) {
        return ErrorWord.RATE_LIMITED.word().equals(word) ? BackoffClass.RATE_LIMITED : BackoffClass.NORMAL;
    }

    /** After a refused authorize: reconnect (with a fresh otp, as every attempt asks for one) or stop. */
    public boolean reconnectsAfterAuthorize() {
        return this == RETRY || this == REAUTHORIZE;
    }

    /** After a refused subscribe: ask again after a wait, or fail the subscription. */
    public boolean retriesSubscribe() {
        return this == RETRY;
    }
}
