package io.qrpush.server.login;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrpush.protocol.ChannelGlobs;
import io.qrpush.protocol.ErrorWord;
import io.qrpush.protocol.ProtocolException;
import io.qrpush.protocol.token.OtpClaims;
import io.qrpush.protocol.token.Otps;
import io.qrpush.protocol.token.TokenException;
import io.qrpush.server.config.AppConfig;
import io.qrpush.server.http.HttpAnswer;
import io.qrpush.server.http.HttpCall;
import io.qrpush.server.http.HttpParts;
import io.qrpush.server.http.HttpRouter;
import io.qrpush.server.http.JsonBodies;
import io.qrpush.server.http.RefusalAnswers;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * A phone's login actions over plain HTTPS (docs/protocol.md section 4, "Phone actions over plain
 * HTTPS"): {@code POST /api/login/sessions/<key>/actions} with {@code Authorization: Bearer <otp>}
 * and {@code {"action":"scan"|"confirm"|"cancel"}}. The otp is checked as {@code authorize} checks
 * it and spent in the same replay cache; the action then goes to the same {@link LoginService#act}
 * as a WebSocket publish, so the answers are the same. A scan's answer adds a {@code phoneToken}
 * that confirms or cancels this session only, so a native app needs one otp per login.
 */
public final class PhoneRoutes {
    static final String SUFFIX = "/actions";

    private final HttpParts parts;
    private final LoginService login;
    private final SessionLookup lookup;
    private final OtpReplay otps;
    private final Duration confirmTtl;
    private final JsonBodies bodies;

    private PhoneRoutes(HttpParts parts, LoginService login, LoginBudgets budgets, OtpReplay otps,
                        Duration confirmTtl) {
        this.parts = parts;
        this.login = login;
        this.lookup = new SessionLookup(login::find, budgets, parts.metrics());
        this.otps = otps;
        this.confirmTtl = confirmTtl;
        this.bodies = new JsonBodies(parts.mapper());
    }

    /**
     * @param budgets    the unknown-key budget per address, shared with the PC page's calls
     * @param confirmTtl how long a phone token lives: the longest a scanned session waits
     */
    public static void register(HttpRouter router, HttpParts parts, LoginService login, LoginBudgets budgets,
                                OtpReplay otps, Duration confirmTtl) {
        PhoneRoutes r = new PhoneRoutes(parts, login, budgets, otps, confirmTtl);
        router.add("POST", LoginRoutes.BASE + "/*" + SUFFIX, r::act);
    }

    private CompletableFuture<HttpAnswer> act(HttpCall call) {
        return RefusalAnswers.noStore(parts.metrics(), () -> checkedAct(call), UnaryOperator.identity());
    }

    private CompletableFuture<HttpAnswer> checkedAct(HttpCall call) throws ProtocolException {
        String key = SessionLookup.keyOf(call.path(), SUFFIX);
        if (key == null) {
            throw new ProtocolException(ErrorWord.NOT_FOUND, "unknown login session");
        }
        JsonNode content = bodies.object(call);
        LoginAction action = LoginAction.of(content);
        if (action == null) {
            throw new ProtocolException(ErrorWord.BAD_REQUEST,
                    "the body must be {\"action\":\"scan\"}, {\"action\":\"confirm\"} or {\"action\":\"cancel\"}");
        }
        String token = call.bearerToken();
        if (token == null || token.isEmpty()) {
            throw new ProtocolException(ErrorWord.UNAUTHORIZED, "Authorization: Bearer <otp or phoneToken> is required");
        }
        return lookup.open(call, key, spent -> spent, (ip, s) -> {
            AppConfig app = s == null ? null : parts.apps().byAppkey(s.appkey());
            if (app == null) {
                return lookup.unknown(ip);
            }
            return phone(app, s.channel(), action, token).thenCompose(user ->
                    login.act(app, s.channel(), content, user, ip).thenApply(reply -> answer(app, s.channel(), action,
                            user, reply)));
        });
    }

    /** Who the token says the phone is: a phone token of this session, or an otp spent here. */
    private CompletableFuture<LoginUser> phone(AppConfig app, String channel, LoginAction action, String token) {
        Instant now = parts.clock().instant();
        try {
            if (PhoneTokens.claimsToBe(token)) {
                if (action == LoginAction.SCAN) {
                    return refused(ErrorWord.BAD_TOKEN, "a phoneToken confirms or cancels; scan with an otp");
                }
                return CompletableFuture.completedFuture(
                        new LoginUser(PhoneTokens.verify(token, app.secret(), channel, now), null, null));
            }
            OtpClaims otp = Otps.verify(token, app.secret(), now);
            if (!ChannelGlobs.compile(otp.pub()).matches(channel)) {
                return refused(ErrorWord.FORBIDDEN, "the otp does not allow publishing here");
            }
            Duration lifetime = Duration.ofSeconds(otp.exp() - now.getEpochSecond() + 1);
            return otps.firstUse(app.appkey(), otp.jti(), lifetime).thenCompose(first -> first
                    ? CompletableFuture.completedFuture(new LoginUser(otp.sub(), otp.name(), otp.avatar()))
                    : refused(ErrorWord.OTP_REUSED, "this otp was used already; mint a new one"));
        } catch (TokenException e) {
            return refused(e.word(), e.getMessage());
        }
    }

    /** The reply's fields as JSON; a scan's with the phone token for the rest of this login. */
    private HttpAnswer answer(AppConfig app, String channel, LoginAction action, LoginUser user, ObjectNode reply) {
        if (action == LoginAction.SCAN) {
            reply.put("phoneToken", PhoneTokens.mint(app.secret(), user.id(), channel,
                    parts.clock().instant().plus(confirmTtl)));
        }
        return HttpAnswer.json(200, reply);
    }

    private static <T> CompletableFuture<T> refused(ErrorWord word, String reason) {
        return CompletableFuture.failedFuture(new ProtocolException(word, reason));
    }
}
