package io.qrpush.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import io.qrpush.protocol.policy.Backoff;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One authenticated JSON call to the server API, with the retries of a {@link RetryPolicy}. The
 * apiKey (or a phone's otp or phone token) goes into the Authorization header and nowhere else:
 * not into URLs, messages or logs.
 */
final class HttpCaller {
    private final HttpClient http;
    private final String baseUrl;
    private final String authorization;
    private final Duration timeout;
    private final RetryPolicy retry;
    private final Backoff backoff;

    /** @param apiKey the bearer of {@link #call}; null for a caller that names its bearer on each call */
    HttpCaller(HttpClient http, String baseUrl, String apiKey, Duration timeout, RetryPolicy retry) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.authorization = apiKey == null ? null : "Bearer " + apiKey;
        this.timeout = timeout;
        this.retry = retry;
        this.backoff = new Backoff(retry.minDelay(), retry.maxDelay(), () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * Calls {@code method path} with a JSON body (null for none) and completes with the answer's
     * JSON, or fails with a {@link QrPushException}.
     *
     * @param repeatable whether the call may run twice without harm (see {@link RetryPolicy})
     */
    CompletableFuture<JsonNode> call(String method, String path, JsonNode body, boolean repeatable) {
        return call(method, path, body, repeatable, authorization);
    }

    /** A call with another bearer than this caller's apiKey: a phone's otp or phone token. */
    CompletableFuture<JsonNode> callAs(String bearer, String method, String path, JsonNode body, boolean repeatable) {
        return call(method, path, body, repeatable, "Bearer " + bearer);
    }

    private CompletableFuture<JsonNode> call(String method, String path, JsonNode body, boolean repeatable,
                                             String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(timeout)
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .header("User-Agent", QrPushClient.SDK_NAME);
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(body.toString().getBytes(StandardCharsets.UTF_8)));
        }
        HttpRequest request = b.build();
        CompletableFuture<JsonNode> result = new CompletableFuture<>();
        attempt(request, 1, repeatable, result);
        return result;
    }

    private void attempt(HttpRequest request, int n, boolean repeatable, CompletableFuture<JsonNode> result) {
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .handle((response, err) -> {
                    Throwable failure = err != null ? RetryPolicy.unwrap(err) : refusal(response);
                    if (failure == null) {
                        try {
                            result.complete(response.body().isEmpty() ? Json.MAPPER.createObjectNode()
                                    : Json.parse(response.body()));
                        } catch (RuntimeException e) {
                            result.completeExceptionally(new QrPushException(response.statusCode(), "bad_response",
                                    "the server's answer is not JSON", e, n));
                        }
                    } else if (retry.shouldRetry(n, failure, repeatable)) {
                        Executor later = CompletableFuture.delayedExecutor(backoff.delayMillis(n - 1), TimeUnit.MILLISECONDS);
                        later.execute(() -> attempt(request, n + 1, repeatable, result));
                    } else {
                        result.completeExceptionally(finalError(failure, n));
                    }
                    return null;
                });
    }

    /** A non-2xx answer as an exception, or null for success. */
    private static QrPushException refusal(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return null;
        }
        String error = null;
        String message = null;
        try {
            JsonNode n = Json.parse(response.body());
            error = Json.text(n, "error");
            message = Json.text(n, "message");
        } catch (RuntimeException notJson) {
            // A proxy in front of the server may answer with HTML; the status still tells the kind.
        }
        if (error == null) {
            error = status >= 500 ? "unavailable" : "http_" + status;
        }
        return new QrPushException(status, error, message);
    }

    private static QrPushException finalError(Throwable failure, int attempts) {
        if (failure instanceof QrPushException) {
            return ((QrPushException) failure).afterAttempts(attempts);
        }
        if (failure instanceof HttpTimeoutException && !RetryPolicy.neverSent(failure)) {
            return new QrPushException(0, QrPushException.TIMEOUT, "no answer in time", failure, attempts);
        }
        String what = failure instanceof IOException ? "the server could not be reached or dropped the connection"
                : "the call failed";
        return new QrPushException(0, QrPushException.CONNECTION_FAILED,
                what + " (" + failure.getClass().getSimpleName() + ")", failure, attempts);
    }
}
