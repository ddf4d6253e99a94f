package io.qrpush.server.core;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.qrpush.protocol.ClientFrame;
import io.qrpush.protocol.CloseCodes;
import io.qrpush.protocol.ErrorWord;
import io.qrpush.protocol.ServerFrame.Reply;
import io.qrpush.protocol.token.OtpClaims;
import io.qrpush.protocol.token.Otps;
import io.qrpush.protocol.token.TokenException;
import io.qrpush.server.config.AppConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/** Answers {@code authorize}: the app, its origins, and the otp with its one use (docs/protocol.md section 3). */
final class Authorizer {
    private final Node node;

    Authorizer(Node node) {
        this.node = node;
    }

    /** @param address the connection's client address, which the caller carries for features */
    CompletableFuture<Authorization> authorize(ClientFrame.Authorize a, String sid, String origin, String address) {
        long id = a.id();
        AppConfig app = node.apps().byAppkey(a.appkey());
        if (app == null) {
            return done(Authorization.closing(Reply.error(id, ErrorWord.UNAUTHORIZED, "unknown appkey"),
                    CloseCodes.UNAUTHORIZED, "unknown appkey"));
        }
        if (!node.apps().allows(app, origin)) {
            return done(Authorization.closing(Reply.error(id, ErrorWord.ORIGIN_NOT_ALLOWED,
                    "this origin is not allowed for the app"), CloseCodes.ORIGIN_NOT_ALLOWED, "origin not allowed"));
        }
        if (a.otp() == null) {
            return done(accept(id, new Caller(sid, app, new Identity("anon-" + sid, null), address)));
        }
        Instant now = node.clock().instant();
        OtpClaims claims;
        try {
            claims = Otps.verify(a.otp(), app.secret(), now);
        } catch (TokenException e) {
            return done(Authorization.refused(Reply.error(id, e.word(), e.getMessage())));
        }
        if (a.userId() != null && !a.userId().equals(claims.sub())) {
            return done(Authorization.refused(Reply.error(id, ErrorWord.BAD_OTP, "userId does not match the otp's sub")));
        }
        Duration lifetime = Duration.ofSeconds(claims.exp() - now.getEpochSecond() + 1);
        return node.firstUseOfOtp(app.appkey(), claims.jti(), lifetime).thenApply(first -> first
                ? accept(id, new Caller(sid, app, new Identity(claims.sub(), claims), address))
                : Authorization.refused(Reply.error(id, ErrorWord.OTP_REUSED, "this otp was used already; mint a new one")));
    }

    private Authorization accept(long id, Caller caller) {
        return Authorization.accepted(Reply.ok(id, JsonNodeFactory.instance.objectNode()
                .put("sid", caller.sid())
                .put("userId", caller.identity().userId())
                .put("canPublish", canPublishAnywhere(caller.app(), caller.identity()))
                .put("pingInterval", node.limits().pingInterval().toMillis())), caller);
    }

    private static boolean canPublishAnywhere(AppConfig app, Identity who) {
        return app.anonymousPublish() || !who.pub().isEmpty();
    }

    private static CompletableFuture<Authorization> done(Authorization a) {
        return CompletableFuture.completedFuture(a);
    }
}
