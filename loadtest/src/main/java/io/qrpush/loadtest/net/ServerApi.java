package io.qrpush.loadtest.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The server's HTTP side: login sessions, ticket redemption and {@code /metrics}. The JDK client
 * is enough here: a few thousand calls a second over kept-alive connections, on two threads of
 * its own so that it never runs on (or stalls) the WebSocket event loops.
 */
public final class ServerApi implements AutoCloseable {
    /** A JSON answer; {@code body} is a MissingNode when the answer was not JSON. */
    public record Answer(int status, JsonNode body) {
    }

    private final Endpoint endpoint;
    private final ObjectMapper mapper;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "loadtest-http");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http;

    public ServerApi(Endpoint endpoint, ObjectMapper mapper) {
        this.endpoint = endpoint;
        this.mapper = mapper;
        this.http = HttpClient.newBuilder().executor(executor).connectTimeout(Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    /** POSTs JSON; {@code bearer} null sends no Authorization header. */
    public CompletableFuture<Answer> post(String path, String bearer, JsonNode body) {
        return post(path, bearer, body, null);
    }

    /** POSTs JSON as a web page of {@code origin} would (null: no Origin header, as a backend). */
    public CompletableFuture<Answer> post(String path, String bearer, JsonNode body, String origin) {
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint.path(path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(encode(body)));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        if (origin != null) {
            b.header("Origin", origin);
        }
        return http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(r -> new Answer(r.statusCode(), decode(r.body())));
    }

    /** {@code GET /metrics} as text; blocking, for the measurement phases only. */
    public String metrics() throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(endpoint.path("/metrics"))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("/metrics answered HTTP " + r.statusCode());
        }
        return r.body();
    }

    private byte[] encode(JsonNode body) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private JsonNode decode(byte[] body) {
        try {
            return body.length == 0 ? MissingNode.getInstance() : mapper.readTree(body);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
