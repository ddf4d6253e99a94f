package io.qrpush.server.config;

/**
 * Where the server listens.
 *
 * @param publicUrl the base URL clients reach it at (for links and logs); null means derived
 *                  from host and port
 */
public record ServerSettings(String host, int port, String publicUrl) {
    public static ServerSettings defaults() {
        return new ServerSettings("0.0.0.0", 8080, null);
    }

    public ServerSettings withPort(int newPort) {
        return new ServerSettings(host, newPort, publicUrl);
    }

    public ServerSettings withHost(String newHost) {
        return new ServerSettings(newHost, port, publicUrl);
    }
}
