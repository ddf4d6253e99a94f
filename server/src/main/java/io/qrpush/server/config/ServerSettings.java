package io.qrpush.server.config;

import java.time.Duration;
import java.util.List;

/**
 * Where the server listens.
 *
 * @param publicUrl      the base URL clients reach it at (for links and logs); null means derived
 *                       from host and port
 * @param trustedProxies IP addresses or CIDR ranges of reverse proxies whose forwarding header
 *                       is believed; from anyone else it is ignored
 * @param forwardedHeader the one header the trusted proxies write the client's address in,
 *                       {@code X-Forwarded-For} or {@code Forwarded} (RFC 7239). One, not both:
 *                       a proxy passes the header it does not write through from the client
 *                       unchanged, so reading either would let any client pick its address
 * @param tls            TLS served by the node itself, or null for plain HTTP/WebSocket
 * @param ioThreads      event-loop threads serving connections; 0 means one per core. Every
 *                       connection lives on one of them and nothing on them blocks, so more
 *                       threads than cores only adds hand-offs between them
 * @param metricsToken   when set, {@code /metrics} answers only {@code Authorization: Bearer <metricsToken>};
 *                       null leaves it open
 * @param drainWindow    on shutdown, the time over which clients are told to reconnect elsewhere, a
 *                       few at a time (docs/protocol.md section 2); zero tells them all at once
 */
public record ServerSettings(String host, int port, String publicUrl, List<String> trustedProxies, TlsSettings tls,
                             int ioThreads, String forwardedHeader, String metricsToken, Duration drainWindow) {
    public static final String X_FORWARDED_FOR = "X-Forwarded-For";
    public static final String FORWARDED = "Forwarded";
    public static final Duration DEFAULT_DRAIN_WINDOW = Duration.ofSeconds(10);

    public ServerSettings {
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        drainWindow = drainWindow == null ? DEFAULT_DRAIN_WINDOW : drainWindow;
    }

    /** The default drain window. */
    public ServerSettings(String host, int port, String publicUrl, List<String> trustedProxies, TlsSettings tls,
                          int ioThreads, String forwardedHeader, String metricsToken) {
        this(host, port, publicUrl, trustedProxies, tls, ioThreads, forwardedHeader, metricsToken, DEFAULT_DRAIN_WINDOW);
    }

    /** {@code /metrics} open to anyone who reaches it. */
    public ServerSettings(String host, int port, String publicUrl, List<String> trustedProxies, TlsSettings tls,
                          int ioThreads, String forwardedHeader) {
        this(host, port, publicUrl, trustedProxies, tls, ioThreads, forwardedHeader, null);
    }

    /** One I/O thread per core; proxies write {@code X-Forwarded-For}. */
    public ServerSettings(String host, int port, String publicUrl, List<String> trustedProxies, TlsSettings tls) {
        this(host, port, publicUrl, trustedProxies, tls, 0, X_FORWARDED_FOR);
    }

    /** No trusted proxies. */
    public ServerSettings(String host, int port, String publicUrl) {
        this(host, port, publicUrl, List.of());
    }

    /** Without TLS. */
    public ServerSettings(String host, int port, String publicUrl, List<String> trustedProxies) {
        this(host, port, publicUrl, trustedProxies, null);
    }

    public static ServerSettings defaults() {
        return new ServerSettings("0.0.0.0", 8080, null);
    }

    public ServerSettings withPort(int newPort) {
        return new ServerSettings(host, newPort, publicUrl, trustedProxies, tls, ioThreads,
                forwardedHeader, metricsToken, drainWindow);
    }

    public ServerSettings withHost(String newHost) {
        return new ServerSettings(newHost, port, publicUrl, trustedProxies, tls, ioThreads,
                forwardedHeader, metricsToken, drainWindow);
    }

    public ServerSettings withTrustedProxies(List<String> proxies) {
        return new ServerSettings(host, port, publicUrl, proxies, tls, ioThreads, forwardedHeader, metricsToken,
                drainWindow);
    }

    public ServerSettings withForwardedHeader(String header) {
        return new ServerSettings(host, port, publicUrl, trustedProxies, tls, ioThreads, header, metricsToken,
                drainWindow);
    }

    public ServerSettings withTls(TlsSettings newTls) {
        return new ServerSettings(host, port, publicUrl, trustedProxies, newTls, ioThreads,
                forwardedHeader, metricsToken, drainWindow);
    }

    public ServerSettings withIoThreads(int threads) {
        return new ServerSettings(host, port, publicUrl, trustedProxies, tls, threads,
                forwardedHeader, metricsToken, drainWindow);
    }

    public ServerSettings withMetricsToken(String token) {
        return new ServerSettings(host, port, publicUrl, trustedProxies, tls, ioThreads, forwardedHeader, token,
                drainWindow);
    }

    public ServerSettings withDrainWindow(Duration window) {
        return new ServerSettings(host, port, publicUrl, trustedProxies, tls, ioThreads, forwardedHeader, metricsToken,
                window);
    }

    /** The number of I/O threads to start: {@link #ioThreads}, or one per core when 0. */
    public int ioThreadsToStart() {
        return ioThreads > 0 ? ioThreads : Runtime.getRuntime().availableProcessors();
    }
}
