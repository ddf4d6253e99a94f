package io.qrpush.protocol.token;

import io.qrpush.protocol.ErrorWord;

/** A token refused, with the error word the protocol prescribes for it. Never carries the token. */
public final class TokenException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient ErrorWord word;

    public TokenException(ErrorWord word, String reason) {
        super(reason, null, false, false);
        this.word = word;
    }

    public ErrorWord word() {
        return word;
    }
}
