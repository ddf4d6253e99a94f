package io.qrpush.server.cluster;

import io.qrpush.server.core.BrokerUnavailableException;
import io.qrpush.server.core.Failures;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Turns any Redis failure (refused while disconnected, timed out) into a 503 {@code unavailable}. */
final class RedisFutures {
    private RedisFutures() {
    }

    static <T> CompletableFuture<T> unavailableOnFailure(CompletionStage<T> stage) {
        CompletableFuture<T> out = new CompletableFuture<>();
        stage.whenComplete((value, err) -> {
            if (err == null) {
                out.complete(value);
            } else {
                Throwable cause = Failures.causeOf(err);
                out.completeExceptionally(new BrokerUnavailableException("Redis: " + cause.getMessage(), cause));
            }
        });
        return out;
    }
}
