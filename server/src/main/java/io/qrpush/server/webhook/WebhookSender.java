package io.qrpush.server.webhook;

import io.qrpush.protocol.webhook.WebhookSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Posts signed batches with the JDK's HTTP client, asynchronously. Redirects are not followed:
 * a 3xx is a failure like any other non-2xx answer, so a receiver cannot send the events, and
 * their signature, somewhere else.
 */
final class WebhookSender {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();
    private final Clock clock;

    WebhookSender(Clock clock) {
        this.clock = clock;
    }

    /**
     * Posts {@code body} to {@code url}; completes with the status code, or fails on a timeout or a
     * connection error.
     */
    CompletableFuture<Integer> post(String url, String secret, Duration timeout, String body) {
        long t = clock.millis() / 1000;
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "qrpush-webhook/1")
                .header(WebhookSignature.HEADER, WebhookSignature.header(secret, t, body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode);
    }
}
