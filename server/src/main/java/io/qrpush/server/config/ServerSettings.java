package io.qrpush.server.config;

import java.util.List;

/**
 * Where the server listens.
 *
 * @param publicUrl      the base URL clients reach it at (for links and logs); null means derived
 *                       from host and port
 * @param trustedProxies IP addresses or CIDR ranges of reverse proxies whose
 *                       {@code X-Forwarded-For} is believed; from anyone else it is ignored
 * @param tls            TLS served by the node itself, or null for plain HTTP/WebSocket
 */
public record ServerSettings(String host, int port, String publicUrl, List<String> trustedProxies, TlsSettings tls) {
    public ServerSettings {
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
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
        return new ServerSettings(host, newPort, publicUrl, trustedProxies, tls);
    }

    public ServerSettings withHost(String newHost) {
        return new ServerSettings(newHost, port, publicUrl, trustedProxies, tls);
    }

    public ServerSettings withTrustedProxies(List<String> proxies) {
        return new ServerSettings(host, port, publicUrl, proxies, tls);
    }

    public ServerSettings withTls(TlsSettings newTls) {
        return new ServerSettings(host, port, publicUrl, trustedProxies, newTls);
    }
}
