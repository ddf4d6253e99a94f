package io.qrpush.server.login;

import io.qrpush.protocol.Channels;
import io.qrpush.protocol.ErrorWord;
import io.qrpush.protocol.ProtocolException;
import io.qrpush.protocol.login.LoginStatuses;
import io.qrpush.protocol.token.SubscriptionTokens;
import io.qrpush.protocol.token.TokenException;
import io.qrpush.server.config.AppConfig;
import io.qrpush.server.core.Apps;
import io.qrpush.server.core.FeatureHost;
import io.qrpush.server.core.Scheduler;
import io.qrpush.server.http.HttpAnswer;
import io.qrpush.server.http.HttpCall;
import io.qrpush.server.http.HttpParts;
import io.qrpush.server.http.HttpRouter;
import io.qrpush.server.http.RefusalAnswers;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /api/login/sessions/<key>/status?wait=25s&since=<status>} with
 * {@code Authorization: Bearer <subscription token>} (docs/protocol.md section 4, "Login status by
 * long-poll"): the state a subscribe reply carries, as soon as its status is not {@code since},
 * or when {@code wait} (at most 30 s) is over. For clients without WebSocket: scripts, kiosks,
 * WeChat-style pollers.
 */
public final class StatusRoutes {
    static final String SUFFIX = "/status";
    static final Duration MAX_WAIT = Duration.ofSeconds(30);
    static final Duration DEFAULT_WAIT = Duration.ofSeconds(25);
    /** {@code 25s}, {@code 2500ms}, or bare seconds. */
    private static final Pattern WAIT = Pattern.compile("(\\d{1,9})(ms|s)?");

    private final HttpParts parts;
    private final Apps apps;
    private final SessionLookup lookup;
    private final StatusPolls polls;

    private StatusRoutes(HttpParts parts, LoginService login, LoginBudgets budgets, StatusPolls polls) {
        this.parts = parts;
        this.apps = parts.apps();
        this.lookup = new SessionLookup(login::find, budgets, parts.metrics());
        this.polls = polls;
    }

    /**
     * Goes before {@link LoginRoutes#register}, whose QR images take every other GET below the sessions.
     *
     * @param host      the node whose login channels the polls listen on
     * @param timers    the polls' {@code wait} clocks
     * @param maxParked polls that may wait at once on this node (each holds a connection)
     */
    public static void register(HttpRouter router, HttpParts parts, LoginService login, LoginBudgets budgets,
                                FeatureHost host, Scheduler timers, int maxParked) {
        StatusRoutes r = new StatusRoutes(parts, login, budgets, new StatusPolls(host, timers, login, maxParked));
        router.add("GET", LoginRoutes.BASE + "/*" + SUFFIX, r::status);
        parts.metrics().gauge("qrpush_login_status_polls", "Login status long-polls waiting on this node",
                r.polls::parked);
    }

    private CompletableFuture<HttpAnswer> status(HttpCall call) {
        String origin = call.header("origin");
        UnaryOperator<HttpAnswer> dress = refusal -> Cors.decorate(refusal, origin,
                origin != null && apps.anyAppAllows(origin));
        return RefusalAnswers.noStore(parts.metrics(), () -> checkedStatus(call, origin, dress), dress);
    }

    private CompletableFuture<HttpAnswer> checkedStatus(HttpCall call, String origin, UnaryOperator<HttpAnswer> dress)
            throws ProtocolException {
        String key = SessionLookup.keyOf(call.path(), SUFFIX);
        if (key == null) {
            throw new ProtocolException(ErrorWord.NOT_FOUND, "unknown login session");
        }
        Duration wait = waitOf(call.query().get("wait"));
        String since = call.query().get("since");
        if (since != null && !LoginStatuses.ALL.contains(since)) {
            throw new ProtocolException(ErrorWord.BAD_REQUEST, "since must be one of " + LoginStatuses.ALL);
        }
        String channel = Channels.LOGIN_PREFIX + key;
        String token = call.bearerToken();
        Instant now = parts.clock().instant();
        return lookup.open(call, key, dress, (ip, s) -> {
            AppConfig app = s == null ? appOfToken(token, channel, now) : apps.byAppkey(s.appkey());
            if (app == null) {
                return lookup.unknown(ip);
            }
            if (origin != null && !apps.allows(app, origin)) {
                return refused(ErrorWord.ORIGIN_NOT_ALLOWED, "this origin is not in the app's allowedOrigins");
            }
            try {
                SubscriptionTokens.verify(token, app.secret(), channel, now);
            } catch (TokenException e) {
                return refused(ErrorWord.BAD_TOKEN, "Authorization: Bearer <the session's token> is required");
            }
            return polls.await(app, channel, since, wait)
                    .thenApply(state -> Cors.decorate(HttpAnswer.json(200, state), origin, true));
        });
    }

    /**
     * The app whose secret signed a token for a session the store has freed: it ended a while ago
     * and the poll learns so ({@code expired}, as a subscribe would); without such a token it is unknown.
     */
    private AppConfig appOfToken(String token, String channel, Instant now) {
        for (AppConfig app : apps.all()) {
            try {
                SubscriptionTokens.verify(token, app.secret(), channel, now);
                return app;
            } catch (TokenException e) {
                // Another app's, or no token: try the next.
            }
        }
        return null;
    }

    /** The wait asked for, at most {@link #MAX_WAIT}; {@link #DEFAULT_WAIT} when not given. */
    static Duration waitOf(String value) throws ProtocolException {
        if (value == null) {
            return DEFAULT_WAIT;
        }
        Matcher m = WAIT.matcher(value);
        if (!m.matches()) {
            throw new ProtocolException(ErrorWord.BAD_REQUEST, "wait must be a number of seconds, like 25s");
        }
        long n = Long.parseLong(m.group(1));
        Duration asked = "ms".equals(m.group(2)) ? Duration.ofMillis(n) : Duration.ofSeconds(n);
        return asked.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : asked;
    }

    private static <T> CompletableFuture<T> refused(ErrorWord word, String reason) {
        return CompletableFuture.failedFuture(new ProtocolException(word, reason));
    }
}
