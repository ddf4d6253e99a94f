package io.qrpush.server.config;

import java.time.Duration;

/**
 * Per-connection limits and timers (docs/protocol.md sections 2 and 3).
 *
 * @param maxRequestsPerSecond each connection's request budget (bursts of twice that); over it a
 *                             request is answered 429 {@code rate_limited}
 * @param http                 the HTTP and connection limits against hostile clients
 */
public record Limits(int maxFrameBytes, int maxContentBytes, int maxSubscriptions, int maxOutboundBytes,
                     Duration authorizeTimeout, Duration pingInterval, Duration idleTimeout,
                     Duration dedupeWindow, int maxRequestsPerSecond, HttpLimits http) {
    public Limits {
        http = http == null ? HttpLimits.defaults() : http;
    }

    /** With the default HTTP limits. */
    public Limits(int maxFrameBytes, int maxContentBytes, int maxSubscriptions, int maxOutboundBytes,
                  Duration authorizeTimeout, Duration pingInterval, Duration idleTimeout,
                  Duration dedupeWindow, int maxRequestsPerSecond) {
        this(maxFrameBytes, maxContentBytes, maxSubscriptions, maxOutboundBytes, authorizeTimeout, pingInterval,
                idleTimeout, dedupeWindow, maxRequestsPerSecond, HttpLimits.defaults());
    }

    public static Limits defaults() {
        return new Limits(65536, 32768, 128, 1 << 20, Duration.ofSeconds(10), Duration.ofSeconds(25),
                Duration.ofSeconds(60), Duration.ofSeconds(120), 200);
    }

    public Limits withMaxOutboundBytes(int bytes) {
        return new Limits(maxFrameBytes, maxContentBytes, maxSubscriptions, bytes, authorizeTimeout,
                pingInterval, idleTimeout, dedupeWindow, maxRequestsPerSecond, http);
    }

    public Limits withTimers(Duration authorize, Duration ping, Duration idle) {
        return new Limits(maxFrameBytes, maxContentBytes, maxSubscriptions, maxOutboundBytes, authorize, ping,
                idle, dedupeWindow, maxRequestsPerSecond, http);
    }

    /** The largest HTTP publish body: its content and {@link HttpLimits#ENVELOPE_BYTES} of envelope. */
    public int publishBodyBytes() {
        return maxContentBytes + HttpLimits.ENVELOPE_BYTES;
    }
}
