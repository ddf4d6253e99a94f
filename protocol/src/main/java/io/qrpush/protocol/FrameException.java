package io.qrpush.protocol;

/**
 * Thrown while reading a frame that is malformed; unchecked so record constructors can throw it.
 * {@link FrameCodec} turns it into the reply the protocol prescribes.
 */
public final class FrameException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient ErrorWord word;
    private final Long requestId;

    public FrameException(ErrorWord word, String message, Long requestId) {
        super(message, null, false, false);
        this.word = word;
        this.requestId = requestId;
    }

    public ErrorWord word() {
        return word;
    }

    /** The request id, or null when the frame was not JSON, lacked {@code op} or a usable id. */
    public Long requestId() {
        return requestId;
    }
}
