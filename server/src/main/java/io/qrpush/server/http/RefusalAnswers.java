package io.qrpush.server.http;

import io.qrpush.protocol.ProtocolException;
import io.qrpush.server.core.Failures;
import io.qrpush.server.metrics.ServerMetrics;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.UnaryOperator;

/**
 * How every HTTP route answers a refusal: one thrown at once or failed later becomes the word's
 * status with a JSON body ({@link JsonBodies#refusal}), counted by word; broker trouble is 503
 * {@code unavailable} ({@link Failures#answerFor}); anything else stays a failure (a 500 the
 * transport logs).
 */
public final class RefusalAnswers {
    /** A route's work, which may refuse before it has a future. */
    @FunctionalInterface
    public interface Checked {
        CompletableFuture<HttpAnswer> run() throws ProtocolException;
    }

    private RefusalAnswers() {
    }

    /** @param dress what a refusal's answer gets added (CORS headers) */
    public static CompletableFuture<HttpAnswer> of(ServerMetrics metrics, Checked route,
                                                   UnaryOperator<HttpAnswer> dress) {
        CompletableFuture<HttpAnswer> answer;
        try {
            answer = route.run();
        } catch (ProtocolException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return answer.exceptionally(err -> {
            ProtocolException refusal = Failures.answerFor(err);
            if (refusal == null) {
                throw new CompletionException(Failures.causeOf(err));
            }
            metrics.error(refusal.word().word());
            return dress.apply(JsonBodies.refusal(refusal));
        });
    }

    /**
     * As {@link #of}, with {@code Cache-Control: no-store} on every answer, refusal or not: for
     * routes whose answers hold tokens, tickets or where a PC is.
     */
    public static CompletableFuture<HttpAnswer> noStore(ServerMetrics metrics, Checked route,
                                                        UnaryOperator<HttpAnswer> dress) {
        return of(metrics, route, dress).thenApply(HttpAnswer::noStore);
    }
}
