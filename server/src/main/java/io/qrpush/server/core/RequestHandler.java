package io.qrpush.server.core;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrpush.protocol.Channels;
import io.qrpush.protocol.ClientFrame;
import io.qrpush.protocol.ErrorWord;
import io.qrpush.protocol.ServerFrame.Reply;
import io.qrpush.protocol.token.SubscriptionTokens;
import io.qrpush.protocol.token.TokenException;
import io.qrpush.server.config.AppConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Answers an authorized session's requests and owns its subscriptions; returns replies and calls
 * nothing back. Runs on the session's thread. Channels a {@link ChannelFeature} claims get its
 * hooks; the rest take the plain path, which allocates nothing for features.
 */
final class RequestHandler {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Node node;
    private final ChannelFeature[] features;
    /** Who the hub hands this session's messages to. */
    private final Subscriber subscriber;
    private final Executor thread;
    /** This session's channels, each with who the hub hands its messages to (usually {@link #subscriber}). */
    private Map<String, Subscriber> channels;

    RequestHandler(Node node, Subscriber subscriber) {
        this.node = node;
        this.features = node.features();
        this.subscriber = subscriber;
        this.thread = subscriber.executor();
    }

    CompletableFuture<Reply> handle(ClientFrame.Request request, Caller caller) {
        if (request instanceof ClientFrame.Publish p) {
            return publish(p, caller);
        }
        if (request instanceof ClientFrame.Subscribe s) {
            return subscribe(s, caller);
        }
        if (request instanceof ClientFrame.Unsubscribe u) {
            unsubscribe(u.channel(), caller);
            return done(Reply.ok(u.id(), JSON.objectNode().put("channel", u.channel())));
        }
        if (request instanceof ClientFrame.ChannelQuery q) {
            return query(q, caller);
        }
        // The one request left is authorize, once more.
        return done(Reply.error(request.id(), ErrorWord.BAD_REQUEST, "already authorized"));
    }

    void ack(ClientFrame.Ack ack, Caller caller) {
        if (channels == null || !channels.containsKey(ack.channel())) {
            return;
        }
        ChannelKey key = caller.key(ack.channel());
        node.ack(key, ack.guid(), caller.identity().userId());
        for (ChannelFeature f : features) {
            if (f.claims(ack.channel())) {
                f.acked(caller, key, ack.guid());
            }
        }
    }

    private CompletableFuture<Reply> subscribe(ClientFrame.Subscribe s, Caller caller) {
        long id = s.id();
        String channel = s.channel();
        Reply refusal = tokenRefusal(id, channel, s.token(), caller.app());
        if (refusal != null) {
            return done(refusal);
        }
        if (channels == null) {
            channels = new HashMap<>(4);
        }
        CompletableFuture<Void> joined;
        boolean fresh = !channels.containsKey(channel);
        if (!fresh) {
            joined = CompletableFuture.completedFuture(null);
        } else if (channels.size() >= node.limits().maxSubscriptions()) {
            return done(Reply.error(id, ErrorWord.TOO_MANY_SUBSCRIPTIONS,
                    "at most " + node.limits().maxSubscriptions() + " subscriptions per connection"));
        } else {
            Subscriber receiver = receiver(caller, s);
            channels.put(channel, receiver);
            joined = node.subscribe(caller.key(channel), receiver).whenComplete((ok, err) -> {
                if (err != null) {
                    // The node took the receiver out already; the features must forget it too.
                    thread.execute(() -> {
                        if (channels.remove(channel, receiver)) {
                            featuresLeave(caller, caller.key(channel));
                        }
                    });
                }
            });
        }
        ObjectNode body = JSON.objectNode().put("channel", channel);
        if (!claimed(channel)) {
            return joined.thenApply(ok -> Reply.ok(id, body));
        }
        CompletableFuture<Reply> answer = joined.thenCompose(ok -> subscribed(caller, s, body, 0))
                .thenApply(ok -> Reply.ok(id, body));
        if (fresh) {
            // A feature's refusal takes the client out of the channel it was just put in.
            answer.whenComplete((ok, err) -> {
                if (err != null) {
                    thread.execute(() -> unsubscribe(channel, caller));
                }
            });
        }
        return answer;
    }

    /** The connection itself, unless a feature claiming the channel puts a stage of its own in front. */
    private Subscriber receiver(Caller caller, ClientFrame.Subscribe s) {
        for (ChannelFeature f : features) {
            if (f.claims(s.channel())) {
                Subscriber stage = f.receiver(caller, s, subscriber);
                if (stage != null) {
                    return stage;
                }
            }
        }
        return subscriber;
    }

    /** The subscribe hooks of the features claiming the channel, from {@code next} on, one after another. */
    private CompletableFuture<Void> subscribed(Caller caller, ClientFrame.Subscribe s, ObjectNode body, int next) {
        for (int i = next; i < features.length; i++) {
            if (features[i].claims(s.channel())) {
                CompletableFuture<Void> hook = features[i].subscribed(caller, s, body);
                if (hook != null) {
                    int after = i + 1;
                    return hook.thenCompose(ok -> subscribed(caller, s, body, after));
                }
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    private void unsubscribe(String channel, Caller caller) {
        Subscriber receiver = channels == null ? null : channels.remove(channel);
        if (receiver != null) {
            ChannelKey key = caller.key(channel);
            node.unsubscribe(key, receiver);
            featuresLeave(caller, key);
        }
    }

    private void featuresLeave(Caller caller, ChannelKey key) {
        for (ChannelFeature f : features) {
            if (f.claims(key.channel())) {
                f.left(caller, key);
            }
        }
    }

    /** The connection is gone: leaves every channel. */
    void dropAllSubscriptions(Caller caller) {
        if (channels == null) {
            return;
        }
        for (String channel : channels.keySet().toArray(new String[0])) {
            unsubscribe(channel, caller);
        }
    }

    private CompletableFuture<Reply> publish(ClientFrame.Publish p, Caller caller) {
        long id = p.id();
        for (ChannelFeature f : features) {
            if (f.claims(p.channel())) {
                CompletableFuture<ObjectNode> takenOver = f.publishing(caller, p);
                if (takenOver != null) {
                    return takenOver.thenApply(body -> Reply.ok(id, body));
                }
            }
        }
        if (!mayPublish(caller.app(), caller.identity(), p.channel())) {
            return done(Reply.error(id, ErrorWord.FORBIDDEN, "not allowed to publish to this channel"));
        }
        int max = node.limits().maxContentBytes();
        if (p.contentBytes() > max) {
            return done(Reply.error(id, ErrorWord.TOO_LARGE, "content is over " + max + " bytes"));
        }
        ReceiptTarget receiptTo = p.receipt() ? new ReceiptTarget(node.nodeId(), caller.sid()) : null;
        return node.publish(caller.key(p.channel()), p.content(), p.guid(), caller.identity().userId(), receiptTo)
                .thenApply(r -> Reply.ok(id, r.body()));
    }

    /** A question a feature answers, with what subscribing needs; 400 {@code not_enabled} when none does. */
    private CompletableFuture<Reply> query(ClientFrame.ChannelQuery q, Caller caller) {
        Reply refusal = tokenRefusal(q.id(), q.channel(), q.token(), caller.app());
        if (refusal != null) {
            return done(refusal);
        }
        for (ChannelFeature f : features) {
            if (f.claims(q.channel())) {
                CompletableFuture<ObjectNode> answer = f.query(caller, q);
                if (answer != null) {
                    return answer.thenApply(body -> Reply.ok(q.id(), body));
                }
            }
        }
        return done(Reply.error(q.id(), ErrorWord.NOT_ENABLED, q.op() + " is not enabled on this channel"));
    }

    /** Protected channels need a subscription token for the channel; null when the caller may go on. */
    private Reply tokenRefusal(long id, String channel, String token, AppConfig app) {
        if (!Channels.isProtected(channel)) {
            return null;
        }
        if (token == null) {
            return Reply.error(id, ErrorWord.BAD_TOKEN, "protected channel: a subscription token is needed");
        }
        try {
            SubscriptionTokens.verify(token, app.secret(), channel, node.clock().instant());
            return null;
        } catch (TokenException e) {
            return Reply.error(id, ErrorWord.BAD_TOKEN, e.getMessage());
        }
    }

    /**
     * Otp users publish where their {@code pub} globs allow (compiled once per authorization, in
     * {@link Identity#pub()}); anyone may publish to public channels of an app with
     * {@code anonymousPublish}. Protected channels need a glob.
     */
    private static boolean mayPublish(AppConfig app, Identity who, String channel) {
        if (who.pub().matches(channel)) {
            return true;
        }
        return app.anonymousPublish() && !Channels.isProtected(channel);
    }

    private boolean claimed(String channel) {
        for (ChannelFeature f : features) {
            if (f.claims(channel)) {
                return true;
            }
        }
        return false;
    }

    private static CompletableFuture<Reply> done(Reply reply) {
        return CompletableFuture.completedFuture(reply);
    }
}
