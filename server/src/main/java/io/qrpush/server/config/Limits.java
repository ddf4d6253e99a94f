package io.qrpush.server.config;

import java.time.Duration;

/**
 * Per-connection limits and timers (docs/protocol.md sections 2 and 3).
 *
 * @param maxRequestsPerSecond each connection's request budget (bursts of twice that); over it a
 *                             request is answered 429 {@code rate_limited}
 */
public record Limits(int maxFrameBytes, int maxContentBytes, int maxSubscriptions, int maxOutboundBytes,
                     Duration authorizeTimeout, Duration pingInterval, Duration idleTimeout,
                     Duration dedupeWindow, int maxRequestsPerSecond) {
    public static Limits defaults() {
        return new Limits(65536, 32768, 128, 1 << 20, Duration.ofSeconds(10), Duration.ofSeconds(25),
                Duration.ofSeconds(60), Duration.ofSeconds(120), 200);
    }

    public Limits withMaxOutboundBytes(int bytes) {
        return new Limits(maxFrameBytes, maxContentBytes, maxSubscriptions, bytes, authorizeTimeout,
                pingInterval, idleTimeout, dedupeWindow, maxRequestsPerSecond);
    }

    public Limits withTimers(Duration authorize, Duration ping, Duration idle) {
        return new Limits(maxFrameBytes, maxContentBytes, maxSubscriptions, maxOutboundBytes, authorize, ping,
                idle, dedupeWindow, maxRequestsPerSecond);
    }
}
