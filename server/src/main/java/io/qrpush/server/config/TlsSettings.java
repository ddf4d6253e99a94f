package io.qrpush.server.config;

/**
 * TLS for HTTP and WebSocket ({@code https://}, {@code wss://}) served by the node itself. Both
 * files are PEM; the key must be unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}), as OpenSSL 3
 * writes by default. Without TLS here, terminate it at a reverse proxy.
 *
 * @param certificate path of the certificate chain
 * @param privateKey  path of its private key (never logged)
 */
public record TlsSettings(String certificate, String privateKey) {
}
