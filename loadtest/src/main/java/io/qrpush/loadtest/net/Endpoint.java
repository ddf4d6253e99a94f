package io.qrpush.loadtest.net;

import java.net.URI;

/**
 * Where the server under test is: its HTTP base URL and the WebSocket URL derived from it
 * ({@code http} becomes {@code ws}, {@code https} becomes {@code wss}, path {@code /ws}), and
 * whether connections use HTTP streaming ({@code --transport stream}) instead of WebSocket.
 */
public record Endpoint(URI http, URI ws, boolean stream) {
    /** Parses {@code --url}, e.g. {@code http://127.0.0.1:8080}. */
    public static Endpoint of(String url) {
        URI u = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        String scheme = u.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("--url must start with http:// or https://, not " + url);
        }
        if ("https".equals(scheme)) {
            throw new IllegalArgumentException("TLS is not supported by this load tester yet: use http://");
        }
        int port = u.getPort() > 0 ? u.getPort() : 80;
        URI ws = URI.create("ws://" + u.getHost() + ":" + port + "/ws");
        return new Endpoint(URI.create("http://" + u.getHost() + ":" + port), ws, false);
    }

    /** The same server, with connections over HTTP streaming (docs/protocol.md section 8). */
    public Endpoint streaming() {
        return new Endpoint(http, ws, true);
    }

    public String host() {
        return ws.getHost();
    }

    public int port() {
        return ws.getPort();
    }

    /** The HTTP URL of {@code path} on the server. */
    public URI path(String path) {
        return URI.create(http + path);
    }
}
