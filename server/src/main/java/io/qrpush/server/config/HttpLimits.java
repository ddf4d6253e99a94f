package io.qrpush.server.config;

import java.time.Duration;

/**
 * The limits that protect a node from hostile HTTP clients; read from the {@code limits} section
 * beside the WebSocket limits (docs/configuration.md and docs/security.md give each one's cost to a
 * legitimate user).
 *
 * @param httpHeadTimeout           a request's head (line and headers) must be complete this long
 *                                  after its first byte, or after the connection was accepted
 * @param httpBodyTimeout           the least time a request body is given to arrive
 * @param httpBodyMinBytesPerSecond a body larger than this rate can carry in {@code httpBodyTimeout}
 *                                  is given {@code length / rate} instead
 * @param httpIdleTimeout           a keep-alive connection with no request in progress is closed after this
 * @param maxHeaderBytes            the request's header section; over it is 431
 * @param maxBodyBytesInFlight      request body bytes the whole node holds while they arrive; a body
 *                                  that does not fit is answered 503 {@code unavailable} at once
 * @param maxConnections            open connections; 0 derives it from the process's open-file limit
 * @param maxConnectionsPerIp       open connections per client address (IPv6: per /64); 0 is no limit.
 *                                  Connections from {@code server.trustedProxies} are not counted
 */
public record HttpLimits(Duration httpHeadTimeout, Duration httpBodyTimeout, int httpBodyMinBytesPerSecond,
                         Duration httpIdleTimeout, int maxHeaderBytes, int maxBodyBytesInFlight,
                         int maxConnections, int maxConnectionsPerIp) {
    /** What a publish body may hold beside its content: channel, guid, keys and white space. */
    public static final int ENVELOPE_BYTES = 4096;
    /** File descriptors kept out of {@code maxConnections} when it is derived: health checks, Redis, logs, jars. */
    static final int MIN_FD_RESERVE = 64;

    public static HttpLimits defaults() {
        return new HttpLimits(Duration.ofSeconds(10), Duration.ofSeconds(10), 2048, Duration.ofSeconds(30),
                16384, 16 << 20, 0, 1000);
    }

    public HttpLimits withTimeouts(Duration head, Duration body, Duration idle) {
        return new HttpLimits(head, body, httpBodyMinBytesPerSecond, idle, maxHeaderBytes, maxBodyBytesInFlight,
                maxConnections, maxConnectionsPerIp);
    }

    public HttpLimits withConnections(int max, int perIp) {
        return new HttpLimits(httpHeadTimeout, httpBodyTimeout, httpBodyMinBytesPerSecond, httpIdleTimeout,
                maxHeaderBytes, maxBodyBytesInFlight, max, perIp);
    }

    public HttpLimits withMaxHeaderBytes(int bytes) {
        return new HttpLimits(httpHeadTimeout, httpBodyTimeout, httpBodyMinBytesPerSecond, httpIdleTimeout,
                bytes, maxBodyBytesInFlight, maxConnections, maxConnectionsPerIp);
    }

    /**
     * The connections to admit: {@link #maxConnections}, or when 0 the open-file limit less a
     * reserve of a twentieth (at least {@value #MIN_FD_RESERVE}), so that an accepted socket over the
     * limit can still be taken and closed, and health checks, Redis and logs still get a descriptor.
     *
     * @param openFileLimit the process's limit, or -1 when the OS does not tell
     */
    public int maxConnectionsToAdmit(long openFileLimit) {
        if (maxConnections > 0) {
            return maxConnections;
        }
        if (openFileLimit <= 0) {
            return 10_000;
        }
        long reserve = Math.max(MIN_FD_RESERVE, openFileLimit / 20);
        return (int) Math.max(16, Math.min(Integer.MAX_VALUE, openFileLimit - reserve));
    }

    /** The time a body of {@code bytes} is given: the timeout, or longer at the minimum rate. */
    public Duration bodyTime(long bytes) {
        Duration atMinRate = Duration.ofMillis(bytes * 1000 / httpBodyMinBytesPerSecond);
        return atMinRate.compareTo(httpBodyTimeout) > 0 ? atMinRate : httpBodyTimeout;
    }
}
