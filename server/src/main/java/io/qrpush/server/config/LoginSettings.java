package io.qrpush.server.config;

import java.time.Duration;

/**
 * Lifetimes and limits of scan-to-login sessions (docs/protocol.md section 4). Budgets are per
 * client address as {@code io.qrpush.server.login.ClientIpResolver} finds it (IPv6 per /64) and
 * refill evenly over the minute; over one the call is answered 429 {@code rate_limited} with
 * {@code Retry-After}.
 *
 * @param createPerMinute        sessions one address may create a minute (bursts of as many),
 *                               charged only once the app and the Origin are accepted
 * @param maxLoopLag             the sustained event-loop lag over which the node refuses part of
 *                               the new sessions with 503 {@code unavailable} and
 *                               {@code Retry-After}, so that the flows it has admitted can finish;
 *                               zero never refuses
 * @param unknownKeysPerMinute   look-ups of session keys that do not exist (QR images, DELETE) one
 *                               address may make a minute: a page only ever asks for its own keys
 * @param failedRedeemsPerMinute ticket redemptions one address may fail a minute
 *                               ({@code /api/v1/tickets/verify} and the demo's)
 * @param maxLiveSessions        live (waiting or scanned) sessions one app may hold on this node;
 *                               over it creation is answered 503 {@code unavailable}
 * @param scansPerUserPerMinute  scans one user of an app may make in any minute, on any node;
 *                               over it the scan is answered 429 {@code rate_limited} and the
 *                               session stays {@code waiting} for others
 */
public record LoginSettings(Duration loginTtl, Duration confirmTtl, Duration ticketTtl, Duration pcGrace,
                            int createPerMinute, Duration maxLoopLag, int unknownKeysPerMinute,
                            int failedRedeemsPerMinute, int maxLiveSessions, int scansPerUserPerMinute) {
    public static final int DEFAULT_CREATE_PER_MINUTE = 120;
    /**
     * A person scans a code or two a minute; ten leaves room for retries while a phone that is made
     * to scan code after code (a flood of phishing codes) is stopped within the minute.
     */
    public static final int DEFAULT_SCANS_PER_USER_PER_MINUTE = 10;
    /**
     * Over the short lag a cold JVM shows while it compiles under load, which it gets through by
     * itself; under the lag of a node whose backlog only grows.
     */
    public static final Duration DEFAULT_MAX_LOOP_LAG = Duration.ofMillis(100);
    /** A page asks for its own keys; only a reload after the session was freed finds none. */
    public static final int DEFAULT_UNKNOWN_KEYS_PER_MINUTE = 60;
    /**
     * An app's backend is one address for all its users, and a user who submits twice fails once:
     * generous, since a ticket's 128 random bits do not fall to guessing at any rate.
     */
    public static final int DEFAULT_FAILED_REDEEMS_PER_MINUTE = 600;
    /** What one live session holds on the heap (session, PC details, timer, map entries), rounded up. */
    static final long BYTES_PER_LIVE_SESSION = 2048;
    static final int MIN_DEFAULT_MAX_LIVE_SESSIONS = 10_000;

    /** Every setting but the per-user scan budget, which is the default. */
    public LoginSettings(Duration loginTtl, Duration confirmTtl, Duration ticketTtl, Duration pcGrace,
                         int createPerMinute, Duration maxLoopLag, int unknownKeysPerMinute,
                         int failedRedeemsPerMinute, int maxLiveSessions) {
        this(loginTtl, confirmTtl, ticketTtl, pcGrace, createPerMinute, maxLoopLag, unknownKeysPerMinute,
                failedRedeemsPerMinute, maxLiveSessions, DEFAULT_SCANS_PER_USER_PER_MINUTE);
    }

    /** The four lifetimes with the default budgets and admission control. */
    public LoginSettings(Duration loginTtl, Duration confirmTtl, Duration ticketTtl, Duration pcGrace) {
        this(loginTtl, confirmTtl, ticketTtl, pcGrace, DEFAULT_CREATE_PER_MINUTE, DEFAULT_MAX_LOOP_LAG,
                DEFAULT_UNKNOWN_KEYS_PER_MINUTE, DEFAULT_FAILED_REDEEMS_PER_MINUTE, defaultMaxLiveSessions());
    }

    public static LoginSettings defaults() {
        return new LoginSettings(Duration.ofSeconds(120), Duration.ofSeconds(60), Duration.ofSeconds(60),
                Duration.ofSeconds(15));
    }

    /**
     * An eighth of the maximum heap in live sessions of one app, at least 10,000: 32,768 with the
     * 512 MiB heap docs/configuration.md recommends.
     */
    public static int defaultMaxLiveSessions() {
        long sessions = Runtime.getRuntime().maxMemory() / 8 / BYTES_PER_LIVE_SESSION;
        return (int) Math.max(MIN_DEFAULT_MAX_LIVE_SESSIONS, Math.min(Integer.MAX_VALUE, sessions));
    }

    public LoginSettings withCreatePerMinute(int perMinute) {
        return new LoginSettings(loginTtl, confirmTtl, ticketTtl, pcGrace, perMinute, maxLoopLag,
                unknownKeysPerMinute, failedRedeemsPerMinute, maxLiveSessions, scansPerUserPerMinute);
    }

    public LoginSettings withMaxLoopLag(Duration lag) {
        return new LoginSettings(loginTtl, confirmTtl, ticketTtl, pcGrace, createPerMinute, lag,
                unknownKeysPerMinute, failedRedeemsPerMinute, maxLiveSessions, scansPerUserPerMinute);
    }

    /** The per-address budgets for unknown keys and failed redemptions. */
    public LoginSettings withLookupBudgets(int unknownKeys, int failedRedeems) {
        return new LoginSettings(loginTtl, confirmTtl, ticketTtl, pcGrace, createPerMinute, maxLoopLag,
                unknownKeys, failedRedeems, maxLiveSessions, scansPerUserPerMinute);
    }

    public LoginSettings withMaxLiveSessions(int max) {
        return new LoginSettings(loginTtl, confirmTtl, ticketTtl, pcGrace, createPerMinute, maxLoopLag,
                unknownKeysPerMinute, failedRedeemsPerMinute, max, scansPerUserPerMinute);
    }

    public LoginSettings withScansPerUserPerMinute(int perMinute) {
        return new LoginSettings(loginTtl, confirmTtl, ticketTtl, pcGrace, createPerMinute, maxLoopLag,
                unknownKeysPerMinute, failedRedeemsPerMinute, maxLiveSessions, perMinute);
    }

    /**
     * The longest a session can matter: scanned at the end of {@code loginTtl}, confirmed at the
     * end of {@code confirmTtl}, its ticket fetched by a reconnecting PC until {@code ticketTtl}.
     */
    public Duration maxLife() {
        return loginTtl.plus(confirmTtl).plus(ticketTtl);
    }

    /** The longest a session can stay live (waiting, then scanned). */
    public Duration maxLive() {
        return loginTtl.plus(confirmTtl);
    }
}
