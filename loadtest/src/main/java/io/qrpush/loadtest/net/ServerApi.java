package io.qrpush.loadtest.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.netty.handler.codec.http.HttpMethod;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The server's HTTP side: login sessions, ticket redemption and {@code /metrics}, over a pool of
 * kept-alive connections on the client's event loops.
 */
public final class ServerApi implements AutoCloseable {
    /** A JSON answer; {@code body} is a MissingNode when the answer was not JSON. */
    public record Answer(int status, JsonNode body) {
    }

    private final ObjectMapper mapper;
    private final HttpPool pool;

    public ServerApi(ClientLoop loop, ObjectMapper mapper) {
        this.mapper = mapper;
        this.pool = new HttpPool(loop.endpoint(), loop.httpBootstrap(), loop.httpConnections());
    }

    /** POSTs JSON; {@code bearer} null sends no Authorization header. */
    public CompletableFuture<Answer> post(String path, String bearer, JsonNode body) {
        return post(path, bearer, body, null);
    }

    /** POSTs JSON as a web page of {@code origin} would (null: no Origin header, as a backend). */
    public CompletableFuture<Answer> post(String path, String bearer, JsonNode body, String origin) {
        Map<String, String> h = new HashMap<>();
        h.put("Content-Type", "application/json");
        if (bearer != null) {
            h.put("Authorization", "Bearer " + bearer);
        }
        if (origin != null) {
            h.put("Origin", origin);
        }
        return pool.send(HttpMethod.POST, path, h, encode(body)).thenApply(r -> new Answer(r.status(), decode(r.body())));
    }

    /** {@code GET /metrics} as text; blocking, for the measurement phases only. */
    public String metrics() throws IOException, InterruptedException {
        try {
            HttpPool.Response r = pool.send(HttpMethod.GET, "/metrics", Map.of(), new byte[0]).get(30, TimeUnit.SECONDS);
            if (r.status() != 200) {
                throw new IOException("/metrics answered HTTP " + r.status());
            }
            return new String(r.body(), StandardCharsets.UTF_8);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("/metrics could not be read: " + e.getMessage(), e);
        }
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
        pool.close();
    }
}
