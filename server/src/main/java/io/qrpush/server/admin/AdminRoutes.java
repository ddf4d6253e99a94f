package io.qrpush.server.admin;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.qrpush.protocol.ErrorWord;
import io.qrpush.protocol.ProtocolException;
import io.qrpush.server.config.QrpushConfig;
import io.qrpush.server.http.HttpAnswer;
import io.qrpush.server.http.HttpCall;
import io.qrpush.server.http.HttpRoute;
import io.qrpush.server.http.HttpRouter;
import io.qrpush.server.http.JsonBodies;
import io.qrpush.server.http.RefusalAnswers;
import io.qrpush.server.http.StaticFiles;
import io.qrpush.server.login.AddressBudget;
import io.qrpush.server.login.ClientIpResolver;
import io.qrpush.server.metrics.ServerMetrics;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The admin page (docs/operations.md, "The admin page"): registered only when {@code admin.token}
 * is set, so with it off every {@code /admin/} path is the router's 404. The page itself holds no
 * data; every {@code /admin/api/} call but sign-in needs the session cookie, and without a live one
 * answers the same 401 whether the cookie is missing, made up or expired. POSTs must be JSON: a
 * form on another site cannot send that content type without a CORS preflight this server never
 * allows, which backs up {@code SameSite=Strict} against cross-site request forgery.
 */
public final class AdminRoutes {
    /** Sign-in attempts one client address may make a minute: plenty for a person who mistyped. */
    static final int SIGN_INS_PER_MINUTE = 10;
    /**
     * Scripts, styles and fetches only from this server (the charts are bundled, nothing comes from
     * a CDN), no inline script, no framing, forms post nowhere.
     */
    static final Map<String, String> PAGE_HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                    + " connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer");
    private static final String PAGE_CACHE = "no-cache";

    /** An admin API call once the session is known to be live. */
    @FunctionalInterface
    interface AdminCall {
        CompletableFuture<HttpAnswer> handle(HttpCall call) throws ProtocolException;
    }

    private final AdminSessions sessions;
    private final AddressBudget signIns;
    private final ClientIpResolver addresses;
    private final JsonBodies bodies;
    private final ServerMetrics metrics;
    private final boolean secureCookie;

    private AdminRoutes(QrpushConfig config, JsonBodies bodies, ServerMetrics metrics) {
        this.sessions = new AdminSessions(config.admin().token(), System::nanoTime);
        this.signIns = new AddressBudget(SIGN_INS_PER_MINUTE, System::nanoTime);
        this.addresses = ClientIpResolver.of(config.server());
        this.bodies = bodies;
        this.metrics = metrics;
        this.secureCookie = config.server().tls() != null;
    }

    /**
     * Adds the page and its API; call only with {@code admin.token} set.
     *
     * @param periodic a thread for short periodic work (the sign-in budgets' sweep)
     */
    public static void register(HttpRouter router, QrpushConfig config, JsonBodies bodies, ServerMetrics metrics,
                                StaticFiles files, ScheduledExecutorService periodic, AdminApi api) {
        AdminRoutes r = new AdminRoutes(config, bodies, metrics);
        periodic.scheduleWithFixedDelay(r.signIns::sweep, 10, 10, TimeUnit.SECONDS);
        router.add("GET", "/admin", call -> CompletableFuture.completedFuture(
                HttpAnswer.text(308, "text/plain; charset=utf-8", "/admin/\n").withHeader("Location", "/admin/")));
        router.add("GET", "/admin/", files.file("/admin/index.html", PAGE_CACHE, PAGE_HEADERS));
        router.add("POST", "/admin/api/signin", r::signIn);
        router.add("POST", "/admin/api/signout", r::signOut);
        router.add("GET", "/admin/api/stats", r.guarded(api::stats));
        router.add("GET", "/admin/api/channel", r.guarded(api::channel));
        router.add("POST", "/admin/api/disconnect", r.guarded(api::disconnect));
        router.add("GET", "/admin/*", files.route(PAGE_CACHE, PAGE_HEADERS));
    }

    /** The one answer to a wrong token and to a missing, made-up or expired session alike. */
    static HttpAnswer refused() {
        return HttpAnswer.error(401, ErrorWord.UNAUTHORIZED.word(), "sign in at /admin/ with admin.token").noStore();
    }

    private CompletableFuture<HttpAnswer> signIn(HttpCall call) {
        if (!isJson(call)) {
            return done(notJson());
        }
        long wait = signIns.tryAcquire(addresses.clientIp(call));
        if (wait > 0) {
            return done(HttpAnswer.error(429, ErrorWord.RATE_LIMITED.word(), "too many sign-in attempts from this address")
                    .withHeader("Retry-After", Long.toString(wait)));
        }
        String token;
        try {
            token = JsonBodies.text(bodies.object(call), "token");
        } catch (ProtocolException e) {
            return done(JsonBodies.refusal(e));
        }
        String id = sessions.signIn(token);
        if (id == null) {
            return done(refused());
        }
        return done(HttpAnswer.json(200, JsonNodeFactory.instance.objectNode().put("signedIn", true)).noStore()
                .withHeader("Set-Cookie", AdminCookie.set(id, secureCookie)));
    }

    private CompletableFuture<HttpAnswer> signOut(HttpCall call) {
        if (!isJson(call)) {
            return done(notJson());
        }
        sessions.end(AdminCookie.sessionId(call));
        return done(HttpAnswer.json(200, JsonNodeFactory.instance.objectNode().put("signedIn", false)).noStore()
                .withHeader("Set-Cookie", AdminCookie.clear(secureCookie)));
    }

    /** The session check, the JSON check on POSTs, and refusals and broker trouble as JSON errors. */
    private HttpRoute guarded(AdminCall inner) {
        return call -> {
            if (!sessions.isLive(AdminCookie.sessionId(call))) {
                return done(refused());
            }
            if ("POST".equals(call.method()) && !isJson(call)) {
                return done(notJson());
            }
            return RefusalAnswers.noStore(metrics, () -> inner.handle(call), UnaryOperator.identity());
        };
    }

    private static boolean isJson(HttpCall call) {
        String type = call.header("content-type");
        String t = type == null ? "" : type.trim().toLowerCase(Locale.ROOT);
        return t.equals("application/json") || t.startsWith("application/json;");
    }

    private static HttpAnswer notJson() {
        return HttpAnswer.error(415, "unsupported_media_type", "admin POSTs take Content-Type: application/json");
    }

    private static CompletableFuture<HttpAnswer> done(HttpAnswer a) {
        return CompletableFuture.completedFuture(a);
    }
}
