package io.qrpush.server.login;

import io.qrpush.protocol.ErrorWord;
import io.qrpush.protocol.ProtocolException;
import io.qrpush.protocol.token.SubscriptionTokens;
import io.qrpush.protocol.token.TokenException;
import io.qrpush.server.config.AppConfig;
import io.qrpush.server.core.Apps;
import io.qrpush.server.http.HttpAnswer;
import io.qrpush.server.http.HttpCall;
import io.qrpush.server.http.HttpParts;
import io.qrpush.server.http.HttpRouter;
import io.qrpush.server.http.JsonBodies;
import io.qrpush.server.http.RefusalAnswers;
import io.qrpush.server.http.ServerApiRoutes;
import io.qrpush.server.qr.QrRenderer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The HTTP side of scan-to-login: {@code POST /api/login/sessions} for the PC page (CORS,
 * rate-limited per client IP), {@code DELETE /api/login/sessions/<key>} with the session's token,
 * the QR images, and the backend's {@code POST /api/v1/tickets/verify}. New sessions are refused
 * with 503 {@code unavailable} while the node is behind ({@link LoginAdmission}) or the app holds
 * {@code login.maxLiveSessions} here; what one address may spend is {@link LoginBudgets}'.
 */
public final class LoginRoutes {
    static final String BASE = "/api/login/sessions";
    /** Sessions end every few seconds of a busy app's traffic; a refused page need not wait long. */
    private static final String LIVE_RETRY_SECONDS = "5";

    private final HttpParts parts;
    private final Apps apps;
    private final LoginService login;
    private final LoginAdmission admission;
    private final LoginBudgets budgets;
    private final JsonBodies bodies;
    private final SessionLookup lookup;
    private final QrImages images;

    private LoginRoutes(LoginBudgets budgets, HttpParts parts, LoginService login, LoginAdmission admission) {
        this.parts = parts;
        this.apps = parts.apps();
        this.login = login;
        this.admission = admission;
        this.budgets = budgets;
        this.bodies = new JsonBodies(parts.mapper());
        this.lookup = new SessionLookup(login::find, budgets, parts.metrics());
        this.images = new QrImages(parts, login, budgets, new QrRenderer());
    }

    /**
     * @param budgets  what one client address may spend (shared with the demo's redemptions)
     * @param periodic a thread for short periodic work (the budgets' sweep)
     */
    public static void register(HttpRouter router, LoginBudgets budgets, HttpParts parts, LoginService login,
                                LoginAdmission admission, ScheduledExecutorService periodic) {
        LoginRoutes r = new LoginRoutes(budgets, parts, login, admission);
        router.add("OPTIONS", BASE, call -> done(Cors.preflight(r.apps, call, "POST, OPTIONS")));
        router.add("POST", BASE, r::create);
        router.add("OPTIONS", BASE + "/*", call -> done(Cors.preflight(r.apps, call, "GET, DELETE, OPTIONS")));
        router.add("DELETE", BASE + "/*", r::delete);
        router.add("GET", BASE + "/*", r.images::get);
        router.add("POST", "/api/v1/tickets/verify", ServerApiRoutes.authenticated(parts, r::verify));
        periodic.scheduleWithFixedDelay(budgets::sweep, 10, 10, TimeUnit.SECONDS);
    }

    private CompletableFuture<HttpAnswer> create(HttpCall call) {
        String origin = call.header("origin");
        boolean anyAllows = origin != null && apps.anyAppAllows(origin);
        // Before the per-IP budget: a refusal for the node's sake must not use up the client's.
        long busyFor = admission.refuseNew();
        if (busyFor > 0) {
            return refuse(ErrorWord.UNAVAILABLE, "this server is busy; retry after Retry-After seconds", origin,
                    anyAllows, String.valueOf(busyFor));
        }
        String appkey;
        try {
            appkey = JsonBodies.text(bodies.object(call), "appkey");
        } catch (ProtocolException e) {
            return refuse(e.word(), e.getMessage(), origin, anyAllows, null);
        }
        AppConfig app = apps.byAppkey(appkey);
        if (app == null) {
            return refuse(ErrorWord.NOT_FOUND, "unknown appkey", origin, anyAllows, null);
        }
        if (!apps.allows(app, origin)) {
            return refuse(ErrorWord.ORIGIN_NOT_ALLOWED, "this origin is not in the app's allowedOrigins", origin,
                    false, null);
        }
        if (app.qrUrl() == null) {
            return refuse(ErrorWord.FORBIDDEN, "login is not enabled for this app: it has no qrUrl", origin, true, null);
        }
        if (!login.admits(app)) {
            return refuse(ErrorWord.UNAVAILABLE, "this app has as many live login sessions on this server as it may"
                    + " (login.maxLiveSessions); retry after Retry-After seconds", origin, true, LIVE_RETRY_SECONDS);
        }
        // Only now that the app and the Origin are accepted: a cross-site page whose POSTs end in
        // 403 must not use up the budget of everyone behind the victim's address.
        String ip = budgets.clientIp(call);
        long retryAfter = budgets.takeCreation(ip);
        if (retryAfter > 0) {
            return refuse(ErrorWord.RATE_LIMITED, "too many login sessions from this address; retry later", origin,
                    true, String.valueOf(retryAfter));
        }
        PcClient client = new PcClient(ip, call.header("user-agent"), origin, parts.clock().millis());
        return login.create(app, client).thenApply(s -> Cors.decorate(HttpAnswer.json(201,
                LoginJson.created(s, login.tokenFor(app, s), qrContent(app, s.key()))).noStore(), origin, true));
    }

    private CompletableFuture<HttpAnswer> delete(HttpCall call) {
        String origin = call.header("origin");
        boolean anyAllows = origin != null && apps.anyAppAllows(origin);
        UnaryOperator<HttpAnswer> dress = a -> Cors.decorate(a, origin, anyAllows);
        return RefusalAnswers.noStore(parts.metrics(), () -> checkedDelete(call, origin, dress), dress);
    }

    private CompletableFuture<HttpAnswer> checkedDelete(HttpCall call, String origin, UnaryOperator<HttpAnswer> dress)
            throws ProtocolException {
        String key = SessionLookup.keyOf(call.path(), "");
        if (key == null) {
            throw new ProtocolException(ErrorWord.NOT_FOUND, "no such endpoint");
        }
        return lookup.open(call, key, dress, (ip, s) -> {
            if (s == null) {
                return lookup.unknown(ip);
            }
            AppConfig app = apps.byAppkey(s.appkey());
            if (app == null || !apps.allows(app, origin)) {
                return refuse(ErrorWord.ORIGIN_NOT_ALLOWED, "this origin is not in the app's allowedOrigins", origin,
                        false, null);
            }
            try {
                SubscriptionTokens.verify(call.bearerToken(), app.secret(), s.channel(),
                        parts.clock().instant());
            } catch (TokenException e) {
                return refuse(ErrorWord.BAD_TOKEN, "Authorization: Bearer <the session's token> is required",
                        origin, true, null);
            }
            // A refusal here (not_found: it was freed between the two reads, so it had ended) is
            // answered as every other; the origin is allowed by now, so the page may read it.
            return login.revoke(app.appkey(), key).thenApply(after -> Cors.decorate(HttpAnswer.json(200,
                    parts.mapper().createObjectNode().put("key", key).put("status", after.status().wire())),
                    origin, true));
        });
    }

    private CompletableFuture<HttpAnswer> verify(AppConfig app, HttpCall call) throws ProtocolException {
        String ip = budgets.clientIp(call);
        HttpAnswer spent = budgets.failedRedeemsRefusal(ip);
        if (spent != null) {
            parts.metrics().error(ErrorWord.RATE_LIMITED.word());
            return done(spent);
        }
        String ticket = JsonBodies.text(bodies.object(call), "ticket");
        return budgets.redeem(login, app, ticket, ip).thenApply(s -> HttpAnswer.json(200, LoginJson.verified(s)).noStore());
    }

    static String qrContent(AppConfig app, String key) {
        return app.qrUrl().replace("{key}", key);
    }

    private CompletableFuture<HttpAnswer> refuse(ErrorWord word, String message, String origin, boolean allowed,
                                                 String retryAfter) {
        parts.metrics().error(word.word());
        HttpAnswer a = HttpAnswer.error(word.code(), word.word(), message);
        if (retryAfter != null) {
            a = a.withHeader("Retry-After", retryAfter);
        }
        return done(Cors.decorate(a, origin, allowed));
    }

    private static CompletableFuture<HttpAnswer> done(HttpAnswer a) {
        return CompletableFuture.completedFuture(a);
    }
}
