package io.qrpush.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrpush.protocol.Channels;
import io.qrpush.protocol.ErrorWord;
import io.qrpush.protocol.ProtocolException;
import io.qrpush.server.core.Apps;
import io.qrpush.server.core.Broker;
import io.qrpush.server.core.ChannelKey;
import io.qrpush.server.core.Node;
import io.qrpush.server.history.HistoryFeature;
import io.qrpush.server.history.HistoryQuery;
import io.qrpush.server.http.HttpAnswer;
import io.qrpush.server.http.HttpCall;
import io.qrpush.server.http.JsonBodies;
import io.qrpush.server.presence.PresenceFeature;
import java.util.concurrent.CompletableFuture;

/**
 * What a signed-in operator may ask: the charts' figures, one channel's subscribers, presence and
 * last publications, and disconnecting a user on every node (as {@code POST /api/v1/disconnect}
 * does for an app's backend).
 */
public final class AdminApi {
    /** Publications a channel lookup shows, newest first. */
    static final int LAST_PUBLICATIONS = 10;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final CompletableFuture<ObjectNode> NONE = CompletableFuture.completedFuture(null);

    private final Node node;
    private final Broker broker;
    private final Apps apps;
    private final HistoryFeature history;
    private final PresenceFeature presence;
    private final AdminStats stats;
    private final JsonBodies bodies;

    public AdminApi(Node node, Broker broker, Apps apps, HistoryFeature history, PresenceFeature presence,
                    AdminStats stats, JsonBodies bodies) {
        this.node = node;
        this.broker = broker;
        this.apps = apps;
        this.history = history;
        this.presence = presence;
        this.stats = stats;
        this.bodies = bodies;
    }

    /** {@code GET /admin/api/stats?since=<ms>}: samples after {@code since} (all kept when absent) and the nodes. */
    CompletableFuture<HttpAnswer> stats(HttpCall call) throws ProtocolException {
        String since = call.query().get("since");
        long after = 0;
        if (since != null) {
            try {
                after = Long.parseLong(since);
            } catch (NumberFormatException e) {
                throw new ProtocolException(ErrorWord.BAD_REQUEST, "since must be a time in milliseconds");
            }
        }
        return stats.answer(after).thenApply(body -> HttpAnswer.json(200, body));
    }

    /** {@code GET /admin/api/channel?app=A&channel=C}. */
    CompletableFuture<HttpAnswer> channel(HttpCall call) throws ProtocolException {
        String appkey = knownApp(call.query().get("app"));
        String name = call.query().get("channel");
        if (name == null || !Channels.isValid(name)) {
            throw new ProtocolException(ErrorWord.BAD_CHANNEL, "channel must match ^[A-Za-z0-9_\\-:.@=]{1,128}$");
        }
        ChannelKey key = new ChannelKey(appkey, name);
        ObjectNode body = JSON.objectNode().put("app", appkey).put("channel", name);
        boolean withPresence = presence.claims(name);
        boolean withHistory = history.claims(name);
        body.put("presenceEnabled", withPresence).put("historyEnabled", withHistory);
        CompletableFuture<Long> subscribers = node.subscriberCount(key);
        CompletableFuture<ObjectNode> present = withPresence ? presence.presence(key) : NONE;
        CompletableFuture<ObjectNode> last = withHistory
                ? history.read(key, new HistoryQuery(null, LAST_PUBLICATIONS, true)) : NONE;
        return CompletableFuture.allOf(subscribers, present, last).thenApply(x -> {
            body.put("subscribers", subscribers.join());
            if (withPresence) {
                body.set("presence", present.join());
            }
            if (withHistory) {
                body.set("history", last.join());
            }
            return HttpAnswer.json(200, body);
        });
    }

    /** {@code POST /admin/api/disconnect {"app":A,"userId":U}}: closes the user's connections on every node with 4011. */
    CompletableFuture<HttpAnswer> disconnect(HttpCall call) throws ProtocolException {
        JsonNode body = bodies.object(call);
        JsonNode app = body.get("app");
        String appkey = knownApp(app != null && app.isTextual() ? app.asText() : null);
        String userId = JsonBodies.text(body, "userId");
        return broker.disconnectUser(appkey, userId).thenApply(n ->
                HttpAnswer.json(200, JSON.objectNode().put("disconnected", n)));
    }

    private String knownApp(String appkey) throws ProtocolException {
        if (appkey == null || appkey.isEmpty()) {
            throw new ProtocolException(ErrorWord.BAD_REQUEST, "app is required (an appkey)");
        }
        if (apps.byAppkey(appkey) == null) {
            throw new ProtocolException(ErrorWord.NOT_FOUND, "no app '" + appkey + "'");
        }
        return appkey;
    }
}
