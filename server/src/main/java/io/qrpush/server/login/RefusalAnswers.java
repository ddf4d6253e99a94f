package io.qrpush.server.login;

import io.qrpush.protocol.ProtocolException;
import io.qrpush.server.core.Failures;
import io.qrpush.server.http.HttpAnswer;
import io.qrpush.server.http.HttpParts;
import io.qrpush.server.http.JsonBodies;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.UnaryOperator;

/**
 * The login doors' answers: a refusal, whether thrown at once or failed later, becomes the word's
 * status with a JSON body, counted by word; broker trouble is 503; anything else stays a failure
 * (a 500 the transport logs). Every answer carries {@code Cache-Control: no-store}: they hold
 * phone tokens, tickets and where a PC is.
 */
final class RefusalAnswers {
    /** A route's work, which may refuse before it has a future. */
    @FunctionalInterface
    interface Checked {
        CompletableFuture<HttpAnswer> run() throws ProtocolException;
    }

    private RefusalAnswers() {
    }

    /** @param dress what a refusal's answer gets added (CORS headers) */
    static CompletableFuture<HttpAnswer> of(HttpParts parts, Checked route, UnaryOperator<HttpAnswer> dress) {
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
            parts.metrics().error(refusal.word().word());
            return dress.apply(JsonBodies.refusal(refusal));
        }).thenApply(HttpAnswer::noStore);
    }
}
