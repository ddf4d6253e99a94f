package io.qrpush.loadtest.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A node that is draining for good, on 127.0.0.1, port 0: {@code /healthz} answers 503
 * {@code {"status":"draining"}}, and every other request (a WebSocket upgrade) is refused 503 and
 * counted, so a test can tell whether a client reconnected to a node a balancer had taken out.
 */
final class DrainingStandIn implements AutoCloseable {
    private final HttpServer http;
    private final AtomicInteger healthChecks = new AtomicInteger();
    private final AtomicInteger otherRequests = new AtomicInteger();

    DrainingStandIn() throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        http.createContext("/", exchange -> {
            (exchange.getRequestURI().getPath().equals("/healthz") ? healthChecks : otherRequests).incrementAndGet();
            byte[] body = "{\"status\":\"draining\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        http.start();
    }

    String url() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    int healthChecks() {
        return healthChecks.get();
    }

    /** Requests other than {@code /healthz}: connections a client should never have made. */
    int otherRequests() {
        return otherRequests.get();
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
