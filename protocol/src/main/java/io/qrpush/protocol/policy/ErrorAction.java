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
     * The action for an error word: the words named below decide; any other falls back on its
     * code, so that a word this version does not know still retries when it is 5xx server
     * trouble (docs/protocol.md section 3) and surfaces otherwise.
     */
    public static ErrorAction of(String word, int code) {
        ErrorWord known = ErrorWord.fromWord(word);
        if (known != null) {
            switch (known) {
                case INTERNAL, UNAVAILABLE, RATE_LIMITED:
                    return RETRY;
                case BAD_OTP, OTP_REUSED, OTP_EXPIRED:
                    return REAUTHORIZE;
                case UNAUTHORIZED, ORIGIN_NOT_ALLOWED:
                    return STOP;
                default:
                    break; // surfaces unless its code says server trouble
            }
        }
        return code >= 500 && code <= 599 ? RETRY : SURFACE;
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
