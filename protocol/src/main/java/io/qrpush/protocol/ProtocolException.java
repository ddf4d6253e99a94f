package io.qrpush.protocol;

/**
 * A request the protocol refuses: carries the error word, a message for people and the request
 * id when it could be read (null otherwise, as docs/protocol.md asks for frames that are not JSON).
 */
public final class ProtocolException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient ErrorWord word;
    private final Long requestId;

    public ProtocolException(ErrorWord word, String message, Long requestId) {
        super(message, null, false, false);
        this.word = word;
        this.requestId = requestId;
    }

    public ProtocolException(ErrorWord word, String message) {
        this(word, message, null);
    }

    public ErrorWord word() {
        return word;
    }

    public Long requestId() {
        return requestId;
    }

    /** The same refusal attributed to a request id. */
    public ProtocolException withRequestId(Long id) {
        return new ProtocolException(word, getMessage(), id);
    }
}
