package io.qrpush.protocol;

/**
 * The machine words of failed replies and HTTP errors, each with its HTTP-like code
 * (docs/protocol.md section 3).
 */
public enum ErrorWord {
    BAD_REQUEST(400, "bad_request"),
    BAD_CHANNEL(400, "bad_channel"),
    UNKNOWN_OP(400, "unknown_op"),
    NOT_ENABLED(400, "not_enabled"),
    UNAUTHORIZED(401, "unauthorized"),
    BAD_OTP(401, "bad_otp"),
    OTP_REUSED(401, "otp_reused"),
    OTP_EXPIRED(401, "otp_expired"),
    FORBIDDEN(403, "forbidden"),
    ORIGIN_NOT_ALLOWED(403, "origin_not_allowed"),
    BAD_TOKEN(403, "bad_token"),
    NOT_FOUND(404, "not_found"),
    LOCKED(409, "locked"),
    BAD_STATE(409, "bad_state"),
    /** A number-matching confirm carried the wrong number, or none: the session is cancelled. */
    MISMATCH(409, "mismatch"),
    GONE(410, "gone"),
    TOO_LARGE(413, "too_large"),
    RATE_LIMITED(429, "rate_limited"),
    TOO_MANY_SUBSCRIPTIONS(429, "too_many_subscriptions"),
    INTERNAL(500, "internal"),
    UNAVAILABLE(503, "unavailable");

    private final int code;
    private final String word;

    ErrorWord(int code, String word) {
        this.code = code;
        this.word = word;
    }

    /** The HTTP-like status code carried in {@code code}. */
    public int code() {
        return code;
    }

    /** The wire spelling carried in {@code error}. */
    public String word() {
        return word;
    }

    /** Looks a wire word up; {@code null} when it is not one of ours. */
    public static ErrorWord fromWord(String word) {
        for (ErrorWord w : values()) {
            if (w.word.equals(word)) {
                return w;
            }
        }
        return null;
    }
}
