package io.qrpush.server.core;

import io.qrpush.protocol.ErrorWord;
import io.qrpush.protocol.ProtocolException;
import java.util.concurrent.CompletionException;

/** Reads why a future failed: later stages wrap the first failure in a {@link CompletionException}. */
public final class Failures {
    private Failures() {
    }

    /** The failure itself, without the wrapper a dependent stage adds. */
    public static Throwable causeOf(Throwable err) {
        return err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
    }

    /** The protocol refusal the future failed with, or null when it failed otherwise. */
    public static ProtocolException refusalOf(Throwable err) {
        return causeOf(err) instanceof ProtocolException p ? p : null;
    }

    /**
     * What a client is told of a failure: the refusal itself, or 503 {@code unavailable} (safe to
     * retry) for broker trouble; null for anything else, a bug the caller logs and answers 500.
     */
    public static ProtocolException answerFor(Throwable err) {
        Throwable cause = causeOf(err);
        if (cause instanceof ProtocolException p) {
            return p;
        }
        if (cause instanceof BrokerUnavailableException) {
            return new ProtocolException(ErrorWord.UNAVAILABLE, "broker unavailable; retry shortly");
        }
        return null;
    }
}
