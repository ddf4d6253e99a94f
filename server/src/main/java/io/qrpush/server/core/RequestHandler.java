package io.qrpush.server.core;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrpush.protocol.ChannelGlob;
import io.qrpush.protocol.Channels;
import io.qrpush.protocol.ClientFrame;
import io.qrpush.protocol.CloseCodes;
import io.qrpush.protocol.ErrorWord;
import io.qrpush.protocol.ServerFrame;
import io.qrpush.protocol.ServerFrame.Reply;
import io.qrpush.protocol.token.OtpClaims;
import io.qrpush.protocol.token.Otps;
import io.qrpush.protocol.token.SubscriptionTokens;
import io.qrpush.protocol.token.TokenException;
import io.qrpush.server.config.AppConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Answers one session's requests; owns its subscriptions. Runs on the session's thread. A
 * future completing with null means the reply was sent already (a refusal followed by a close).
 */
final class RequestHandler {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Session session;
    private final Node node;
    private Set<String> channels;

    RequestHandler(Session session, Node node) {
        this.session = session;
        this.node = node;
    }

    CompletableFuture<Reply> handle(ClientFrame.Request request) {
        if (request instanceof ClientFrame.Authorize a) {
            return authorize(a);
        }
        if (!session.authorized()) {
            return done(Reply.error(request.id(), ErrorWord.UNAUTHORIZED, "authorize first"));
        }
        if (request instanceof ClientFrame.Subscribe s) {
            return subscribe(s);
        }
        if (request instanceof ClientFrame.Unsubscribe u) {
            unsubscribe(u.channel());
            return done(Reply.ok(u.id(), JSON.objectNode().put("channel", u.channel())));
        }
        return publish((ClientFrame.Publish) request);
    }

    /** Frames that get no reply: ack and ping. */
    void handleSignal(ClientFrame frame) {
        if (frame instanceof ClientFrame.Ping) {
            session.send(new ServerFrame.Pong());
        } else if (frame instanceof ClientFrame.Ack ack && session.authorized() && channels != null
                && channels.contains(ack.channel())) {
            node.ack(key(ack.channel()), ack.guid(), session.identity().userId());
        }
    }

    private CompletableFuture<Reply> authorize(ClientFrame.Authorize a) {
        long id = a.id();
        if (session.authorized()) {
            return done(Reply.error(id, ErrorWord.BAD_REQUEST, "already authorized"));
        }
        AppConfig app = node.apps().byAppkey(a.appkey());
        if (app == null) {
            session.send(Reply.error(id, ErrorWord.UNAUTHORIZED, "unknown appkey"));
            session.disconnect(CloseCodes.UNAUTHORIZED, "unknown appkey", false);
            return done(null);
        }
        if (!node.apps().allows(app, session.transport().origin())) {
            session.send(Reply.error(id, ErrorWord.ORIGIN_NOT_ALLOWED, "this origin is not allowed for the app"));
            session.disconnect(CloseCodes.ORIGIN_NOT_ALLOWED, "origin not allowed", false);
            return done(null);
        }
        if (a.otp() == null) {
            return done(accept(id, app, new Identity("anon-" + session.sid(), null)));
        }
        Instant now = node.clock().instant();
        OtpClaims claims;
        try {
            claims = Otps.verify(a.otp(), app.secret(), now);
        } catch (TokenException e) {
            return done(Reply.error(id, e.word(), e.getMessage()));
        }
        if (a.userId() != null && !a.userId().equals(claims.sub())) {
            return done(Reply.error(id, ErrorWord.BAD_OTP, "userId does not match the otp's sub"));
        }
        Duration lifetime = Duration.ofSeconds(claims.exp() - now.getEpochSecond() + 1);
        return node.firstUseOfOtp(app.appkey(), claims.jti(), lifetime).thenApply(first -> first
                ? accept(id, app, new Identity(claims.sub(), claims))
                : Reply.error(id, ErrorWord.OTP_REUSED, "this otp was used already; mint a new one"));
    }

    private Reply accept(long id, AppConfig app, Identity who) {
        session.authorizedAs(app, who);
        return Reply.ok(id, JSON.objectNode()
                .put("sid", session.sid())
                .put("userId", who.userId())
                .put("canPublish", canPublishAnywhere(app, who))
                .put("pingInterval", node.config().limits().pingInterval().toMillis()));
    }

    private static boolean canPublishAnywhere(AppConfig app, Identity who) {
        return app.anonymousPublish() || (!who.anonymous() && !who.otp().pub().isEmpty());
    }

    private CompletableFuture<Reply> subscribe(ClientFrame.Subscribe s) {
        long id = s.id();
        String channel = s.channel();
        AppConfig app = session.app();
        if (Channels.isProtected(channel)) {
            if (s.token() == null) {
                return done(Reply.error(id, ErrorWord.BAD_TOKEN, "protected channel: a subscription token is needed"));
            }
            try {
                SubscriptionTokens.verify(s.token(), app.secret(), channel, node.clock().instant());
            } catch (TokenException e) {
                return done(Reply.error(id, ErrorWord.BAD_TOKEN, e.getMessage()));
            }
        }
        if (channels == null) {
            channels = new HashSet<>(4);
        }
        CompletableFuture<Void> joined;
        if (channels.contains(channel)) {
            joined = CompletableFuture.completedFuture(null);
        } else if (channels.size() >= node.config().limits().maxSubscriptions()) {
            return done(Reply.error(id, ErrorWord.TOO_MANY_SUBSCRIPTIONS,
                    "at most " + node.config().limits().maxSubscriptions() + " subscriptions per connection"));
        } else {
            channels.add(channel);
            joined = node.subscribe(key(channel), session).whenComplete((ok, err) -> {
                if (err != null) {
                    session.transport().executor().execute(() -> channels.remove(channel));
                }
            });
        }
        if (!Channels.isLogin(channel)) {
            return joined.thenApply(ok -> Reply.ok(id, JSON.objectNode().put("channel", channel)));
        }
        node.login().watcherJoined(app, channel);
        return joined.thenCompose(ok -> node.login().state(app, channel)).thenApply(state -> {
            ObjectNode body = JSON.objectNode().put("channel", channel);
            if (state != null) {
                body.set("state", state);
            }
            return Reply.ok(id, body);
        });
    }

    private void unsubscribe(String channel) {
        if (channels != null && channels.remove(channel)) {
            node.unsubscribe(key(channel), session);
            if (Channels.isLogin(channel)) {
                node.login().watcherLeft(session.app(), channel);
            }
        }
    }

    void dropAllSubscriptions() {
        if (channels == null) {
            return;
        }
        for (String channel : channels.toArray(new String[0])) {
            unsubscribe(channel);
        }
    }

    private CompletableFuture<Reply> publish(ClientFrame.Publish p) {
        long id = p.id();
        AppConfig app = session.app();
        Identity who = session.identity();
        if (Channels.isLogin(p.channel())) {
            if (who.anonymous()) {
                return done(Reply.error(id, ErrorWord.FORBIDDEN, "login actions need an otp-authorized phone"));
            }
            if (!ChannelGlob.anyMatches(who.otp().pub(), p.channel())) {
                return done(Reply.error(id, ErrorWord.FORBIDDEN, "the otp does not allow publishing here"));
            }
            return node.login().act(app, p.channel(), p.content(), who).thenApply(body -> Reply.ok(id, body));
        }
        if (!mayPublish(app, who, p.channel())) {
            return done(Reply.error(id, ErrorWord.FORBIDDEN, "not allowed to publish to this channel"));
        }
        if (p.contentBytes() > node.config().limits().maxContentBytes()) {
            return done(Reply.error(id, ErrorWord.TOO_LARGE,
                    "content is over " + node.config().limits().maxContentBytes() + " bytes"));
        }
        ReceiptTarget receiptTo = p.receipt() ? new ReceiptTarget(node.nodeId(), session.sid()) : null;
        return node.publish(key(p.channel()), p.content(), p.guid(), who.userId(), receiptTo).thenApply(r -> {
            ObjectNode body = JSON.objectNode().put("guid", r.guid()).put("delivered", r.delivered());
            if (r.duplicate()) {
                body.put("duplicate", true);
            }
            return Reply.ok(id, body);
        });
    }

    /**
     * Otp users publish where their {@code pub} globs allow; anyone may publish to public
     * channels of an app with {@code anonymousPublish}. Protected channels need a glob.
     */
    private static boolean mayPublish(AppConfig app, Identity who, String channel) {
        if (!who.anonymous() && ChannelGlob.anyMatches(who.otp().pub(), channel)) {
            return true;
        }
        return app.anonymousPublish() && !Channels.isProtected(channel);
    }

    private ChannelKey key(String channel) {
        return new ChannelKey(session.app().appkey(), channel);
    }

    private static CompletableFuture<Reply> done(Reply reply) {
        return CompletableFuture.completedFuture(reply);
    }
}
