package io.qrpush.server.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrpush.protocol.ErrorWord;
import io.qrpush.protocol.ProtocolException;
import io.qrpush.protocol.token.Otps;
import io.qrpush.server.config.AppConfig;
import io.qrpush.server.config.DemoSettings;
import io.qrpush.server.http.HttpAnswer;
import io.qrpush.server.http.HttpCall;
import io.qrpush.server.http.HttpParts;
import io.qrpush.server.http.HttpRoute;
import io.qrpush.server.http.HttpRouter;
import io.qrpush.server.http.JsonBodies;
import io.qrpush.server.http.RefusalAnswers;
import io.qrpush.server.http.StaticFiles;
import io.qrpush.server.login.ClientAddress;
import io.qrpush.server.login.ForwardingHeaders;
import io.qrpush.server.login.LoginBudgets;
import io.qrpush.server.login.LoginJson;
import io.qrpush.server.login.LoginService;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * The demo of {@code demo.enabled}: a PC login page at {@code /demo/}, a phone page at
 * {@code /demo/phone?key=...}, and the two backend calls a real app would make on its own server:
 * {@code POST /demo/api/otp} (log a phone in as a made-up user: mint an otp with the app secret)
 * and {@code POST /demo/api/redeem} (redeem the PC's ticket, as {@code /api/v1/tickets/verify}
 * does, without handing the apiKey to the page).
 *
 * <p>Otps and tickets only ever travel in bodies, answers are {@code no-store}, and nothing here
 * logs. Calls from a browser page on an origin the demo app does not allow are refused, so another
 * site open in the same browser cannot mint otps through it. Unless {@code demo.allowNonLoopback},
 * the endpoints answer only this machine: the peer's own socket address must be loopback and no
 * forwarding header may be present, since a reverse proxy on this machine (the nginx recipe of
 * docs/cluster.md) connects from 127.0.0.1 on behalf of anyone on the internet.
 */
public final class DemoRoutes {
    /** The users a demo phone can be; fixed, so a demo needs no sign-up. */
    static final List<DemoUser> USERS = List.of(
            new DemoUser("alice", "Alice Martin"),
            new DemoUser("bob", "Bob Okafor"),
            new DemoUser("carol", "Carol Nguyen"));
    /** Long enough for a phone to open its socket, short enough that a leaked one is soon useless. */
    static final Duration OTP_TTL = Duration.ofSeconds(60);
    /** The pages change with the server version; revalidate every time (cheap: ETag and 304). */
    private static final String PAGE_CACHE = "no-cache";
    /**
     * No inline scripts, no framing (a framed phone page could be clickjacked into confirming),
     * connections only back to this server; inline styles for the widget's injected sheet.
     */
    private static final Map<String, String> PAGE_HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
                    + " img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none';"
                    + " form-action 'none'",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** One demo identity. */
    record DemoUser(String id, String name) {
    }

    private final HttpParts parts;
    private final LoginService login;
    private final AppConfig app;
    private final JsonBodies bodies;
    private final DemoSettings settings;
    private final LoginBudgets budgets;

    private DemoRoutes(DemoSettings settings, HttpParts parts, LoginService login, LoginBudgets budgets,
                       AppConfig app) {
        this.settings = settings;
        this.parts = parts;
        this.login = login;
        this.budgets = budgets;
        this.app = app;
        this.bodies = new JsonBodies(parts.mapper());
    }

    /**
     * Adds the demo's pages and endpoints; the configuration was validated, so the app exists.
     *
     * @param budgets what one client address may spend; failed redemptions here count as at
     *                {@code /api/v1/tickets/verify}
     */
    public static void register(HttpRouter router, DemoSettings demo, HttpParts parts, LoginService login,
                                LoginBudgets budgets, StaticFiles files) {
        AppConfig app = parts.apps().byAppkey(demo.appkey());
        DemoRoutes d = new DemoRoutes(demo, parts, login, budgets, app);
        router.add("GET", "/", redirect("/demo/"));
        router.add("GET", "/demo", redirect("/demo/"));
        router.add("GET", "/demo/", files.file("/demo/index.html", PAGE_CACHE, PAGE_HEADERS));
        router.add("GET", "/demo/phone", files.file("/demo/phone.html", PAGE_CACHE, PAGE_HEADERS));
        // Before /demo/*: the router takes the first match.
        router.add("GET", "/demo/api/config", d.guarded(d::config));
        router.add("POST", "/demo/api/otp", d.guarded(d::otp));
        router.add("POST", "/demo/api/redeem", d.guarded(d::redeem));
        router.add("GET", "/demo/*", files.route(PAGE_CACHE, PAGE_HEADERS));
    }

    /** A demo call's body once its origin passed. */
    @FunctionalInterface
    private interface Call {
        CompletableFuture<HttpAnswer> handle(HttpCall call) throws ProtocolException;
    }

    private HttpRoute guarded(Call inner) {
        return call -> RefusalAnswers.noStore(parts.metrics(), () -> {
            if (!settings.allowNonLoopback() && !fromThisMachine(call)) {
                throw new ProtocolException(ErrorWord.FORBIDDEN, "the demo answers only requests from this"
                        + " machine, not through a proxy (demo.allowNonLoopback)");
            }
            if (!parts.apps().allows(app, call.header("origin"))) {
                throw new ProtocolException(ErrorWord.ORIGIN_NOT_ALLOWED,
                        "this origin is not in the demo app's allowedOrigins");
            }
            return inner.handle(call);
        }, UnaryOperator.identity());
    }

    /** What the static pages cannot know: the configured appkey and the users to choose from. */
    private CompletableFuture<HttpAnswer> config(HttpCall call) {
        ObjectNode body = JSON.objectNode().put("appkey", app.appkey());
        ArrayNode users = body.putArray("users");
        USERS.forEach(u -> users.addObject().put("id", u.id()).put("name", u.name()));
        return CompletableFuture.completedFuture(HttpAnswer.json(200, body));
    }

    /** {@code {"userId":"alice"}} → {@code {otp, userId, name}}: what an app's backend does for its logged-in user. */
    private CompletableFuture<HttpAnswer> otp(HttpCall call) throws ProtocolException {
        String id = JsonBodies.text(bodies.object(call), "userId");
        DemoUser user = USERS.stream().filter(u -> u.id().equals(id)).findFirst().orElseThrow(() ->
                new ProtocolException(ErrorWord.BAD_REQUEST, "userId must be one of the demo users (GET /demo/api/config)"));
        String otp = Otps.mint(app.secret(), user.id(), OTP_TTL, user.name(), null, List.of("login:*"),
                parts.clock().instant());
        return CompletableFuture.completedFuture(HttpAnswer.json(200, JSON.objectNode()
                .put("otp", otp).put("userId", user.id()).put("name", user.name())));
    }

    /** {@code {"ticket":"..."}} → the verified user, exactly as {@code POST /api/v1/tickets/verify} answers. */
    private CompletableFuture<HttpAnswer> redeem(HttpCall call) throws ProtocolException {
        String ip = budgets.clientIp(call);
        HttpAnswer spent = budgets.failedRedeemsRefusal(ip);
        if (spent != null) {
            return CompletableFuture.completedFuture(spent);
        }
        String ticket = JsonBodies.text(bodies.object(call), "ticket");
        return budgets.redeem(login, app, ticket, ip).thenApply(s -> HttpAnswer.json(200, LoginJson.verified(s)));
    }

    /** The peer is this machine and no proxy had a hand in the request. */
    static boolean fromThisMachine(HttpCall call) {
        byte[] peer = ClientAddress.parse(call.remoteAddress());
        boolean loopback = peer != null && (peer.length == 4 ? peer[0] == 127 : isIpv6Loopback(peer));
        return loopback && !ForwardingHeaders.anyPresent(call);
    }

    private static boolean isIpv6Loopback(byte[] a) {
        for (int i = 0; i < 15; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[15] == 1;
    }

    private static HttpRoute redirect(String to) {
        return call -> CompletableFuture.completedFuture(
                HttpAnswer.text(302, "text/plain; charset=utf-8", "see " + to).withHeader("Location", to));
    }
}
