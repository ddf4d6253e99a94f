package io.qrpush.server.config;

import java.time.Duration;

/**
 * Lifetimes and limits of scan-to-login sessions (docs/protocol.md section 4).
 *
 * @param createPerMinute sessions one client IP may create a minute (bursts of as many); over it
 *                        {@code POST /api/login/sessions} is answered 429 {@code rate_limited}
 * @param maxLoopLag      the sustained event-loop lag over which the node refuses part of the new
 *                        sessions with 503 {@code unavailable} and {@code Retry-After}, so that the
 *                        flows it has admitted can finish; zero never refuses
 */
public record LoginSettings(Duration loginTtl, Duration confirmTtl, Duration ticketTtl, Duration pcGrace,
                            int createPerMinute, Duration maxLoopLag) {
    public static final int DEFAULT_CREATE_PER_MINUTE = 120;
    /**
     * Over the short lag a cold JVM shows while it compiles under load, which it gets through by
     * itself; under the lag of a node whose backlog only grows.
     */
    public static final Duration DEFAULT_MAX_LOOP_LAG = Duration.ofMillis(100);

    /** The four lifetimes with the default creation rate and admission control. */
    public LoginSettings(Duration loginTtl, Duration confirmTtl, Duration ticketTtl, Duration pcGrace) {
        this(loginTtl, confirmTtl, ticketTtl, pcGrace, DEFAULT_CREATE_PER_MINUTE, DEFAULT_MAX_LOOP_LAG);
    }

    public static LoginSettings defaults() {
        return new LoginSettings(Duration.ofSeconds(120), Duration.ofSeconds(60), Duration.ofSeconds(60),
                Duration.ofSeconds(15));
    }

    public LoginSettings withCreatePerMinute(int perMinute) {
        return new LoginSettings(loginTtl, confirmTtl, ticketTtl, pcGrace, perMinute, maxLoopLag);
    }

    public LoginSettings withMaxLoopLag(Duration lag) {
        return new LoginSettings(loginTtl, confirmTtl, ticketTtl, pcGrace, createPerMinute, lag);
    }

    /**
     * The longest a session can matter: scanned at the end of {@code loginTtl}, confirmed at the
     * end of {@code confirmTtl}, its ticket fetched by a reconnecting PC until {@code ticketTtl}.
     */
    public Duration maxLife() {
        return loginTtl.plus(confirmTtl).plus(ticketTtl);
    }
}
