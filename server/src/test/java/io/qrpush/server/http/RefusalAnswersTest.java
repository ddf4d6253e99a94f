package io.qrpush.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qrpush.protocol.ErrorWord;
import io.qrpush.protocol.ProtocolException;
import io.qrpush.server.core.BrokerUnavailableException;
import io.qrpush.server.metrics.ServerMetrics;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Every route's refusals: the word's status with a JSON body, counted, dressed; other failures stay failures. */
class RefusalAnswersTest {
    private static final UnaryOperator<HttpAnswer> DRESS = a -> a.withHeader("X-Dressed", "yes");

    private final ServerMetrics metrics = new ServerMetrics();

    @Test
    void aRefusalThrownAtOnceIsItsWordsStatusWithAJsonBody() {
        HttpAnswer a = RefusalAnswers.of(metrics, () -> {
            throw new ProtocolException(ErrorWord.BAD_REQUEST, "no body");
        }, DRESS).join();
        assertThat(a.status()).isEqualTo(400);
        assertThat(new String(a.body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"error\":\"bad_request\",\"message\":\"no body\"}");
        assertThat(a.headers()).containsEntry("X-Dressed", "yes").doesNotContainKey("Cache-Control");
        assertThat(errors("bad_request")).isEqualTo(1);
    }

    @Test
    void aRefusalFailedLaterIsAnsweredTheSameWay() {
        HttpAnswer a = RefusalAnswers.of(metrics, () -> CompletableFuture.<HttpAnswer>failedFuture(
                new ProtocolException(ErrorWord.NOT_FOUND, "gone")).thenApply(x -> x), DRESS).join();
        assertThat(a.status()).isEqualTo(404);
        assertThat(a.headers()).containsEntry("X-Dressed", "yes");
        assertThat(errors("not_found")).isEqualTo(1);
    }

    @Test
    void brokerTroubleIsA503ToRetry() {
        HttpAnswer a = RefusalAnswers.of(metrics, () -> CompletableFuture.failedFuture(
                new BrokerUnavailableException("Redis: down", null)), DRESS).join();
        assertThat(a.status()).isEqualTo(503);
        assertThat(errors("unavailable")).isEqualTo(1);
    }

    @Test
    void anythingElseStaysAFailureForTheTransportToLog() {
        IllegalStateException bug = new IllegalStateException("bug");
        assertThatThrownBy(() -> RefusalAnswers.of(metrics, () -> CompletableFuture.failedFuture(bug), DRESS).join())
                .isInstanceOf(CompletionException.class).hasCause(bug);
    }

    @Test
    void noStoreMarksEveryAnswerRefusalOrNot() {
        HttpAnswer ok = RefusalAnswers.noStore(metrics, () -> CompletableFuture.completedFuture(
                HttpAnswer.text(200, "text/plain", "ticket")), DRESS).join();
        HttpAnswer refused = RefusalAnswers.noStore(metrics, () -> {
            throw new ProtocolException(ErrorWord.BAD_TOKEN, "no");
        }, DRESS).join();
        assertThat(ok.headers()).containsEntry("Cache-Control", "no-store").doesNotContainKey("X-Dressed");
        assertThat(refused.headers()).containsEntry("Cache-Control", "no-store").containsEntry("X-Dressed", "yes");
    }

    private double errors(String word) {
        return metrics.registry().counter("qrpush_errors", "error", word).count();
    }
}
