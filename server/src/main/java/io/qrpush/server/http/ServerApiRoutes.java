package io.qrpush.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrpush.protocol.Channels;
import io.qrpush.protocol.ErrorWord;
import io.qrpush.protocol.ProtocolException;
import io.qrpush.protocol.RawJson;
import io.qrpush.server.config.AppConfig;
import io.qrpush.server.config.Limits;
import io.qrpush.server.core.Broker;
import io.qrpush.server.core.ChannelKey;
import io.qrpush.server.core.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * The HTTP server API of docs/protocol.md section 5 for an app's backend: every call carries
 * {@code Authorization: Bearer <apiKey>}, checked in constant time; a wrong key is a bare 401.
 */
public final class ServerApiRoutes {
    /** Channels one broadcast may name. */
    static final int MAX_BROADCAST = 1000;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Node node;
    private final Broker broker;
    private final Limits limits;
    private final JsonBodies bodies;

    private ServerApiRoutes(Node node, Broker broker, Limits limits, HttpParts parts) {
        this.node = node;
        this.broker = broker;
        this.limits = limits;
        this.bodies = new JsonBodies(parts.mapper());
    }

    /** An API call once the caller's app is known. */
    @FunctionalInterface
    public interface AppCall {
        CompletableFuture<HttpAnswer> handle(AppConfig app, HttpCall call) throws ProtocolException;
    }

    public static void register(HttpRouter router, Node node, Broker broker, Limits limits, HttpParts parts) {
        ServerApiRoutes api = new ServerApiRoutes(node, broker, limits, parts);
        int publishBody = limits.publishBodyBytes();
        router.add("POST", "/api/v1/publish", publishBody, authenticated(parts, api::publish));
        // Each named channel adds at most its 128 characters, quotes and a comma.
        router.add("POST", "/api/v1/broadcast", publishBody + MAX_BROADCAST * 132, authenticated(parts, api::broadcast));
        router.add("GET", "/api/v1/channels/*", authenticated(parts, api::channel));
        router.add("POST", "/api/v1/disconnect", authenticated(parts, api::disconnect));
    }

    /** Wraps a call with the API key check and turns refusals and broker trouble into JSON errors. */
    public static HttpRoute authenticated(HttpParts parts, AppCall inner) {
        return call -> RefusalAnswers.of(parts.metrics(), () -> {
            String apiKey = call.bearerToken();
            AppConfig app = apiKey != null ? parts.apps().byApiKey(apiKey) : null;
            if (app == null) {
                throw new ProtocolException(ErrorWord.UNAUTHORIZED, "unauthorized");
            }
            return inner.handle(app, call);
        }, UnaryOperator.identity());
    }

    private CompletableFuture<HttpAnswer> publish(AppConfig app, HttpCall call) throws ProtocolException {
        JsonNode body = bodies.object(call);
        String channel = publishableChannel(body.get("channel"));
        RawJson content = content(body);
        String g = optionalGuid(body);
        return node.publish(new ChannelKey(app.appkey(), channel), content, g, null, null)
                .thenApply(r -> HttpAnswer.json(200, r.body()));
    }

    private CompletableFuture<HttpAnswer> broadcast(AppConfig app, HttpCall call) throws ProtocolException {
        JsonNode body = bodies.object(call);
        JsonNode list = body.get("channels");
        if (list == null || !list.isArray() || list.isEmpty() || list.size() > MAX_BROADCAST) {
            throw new ProtocolException(ErrorWord.BAD_REQUEST, "channels must be a list of 1 to " + MAX_BROADCAST);
        }
        List<String> channels = new ArrayList<>();
        for (JsonNode c : list) {
            channels.add(publishableChannel(c));
        }
        RawJson content = content(body);
        String guid = optionalGuid(body);
        List<CompletableFuture<ObjectNode>> results = new ArrayList<>();
        for (String channel : channels) {
            results.add(node.publish(new ChannelKey(app.appkey(), channel), content, guid, null, null)
                    .thenApply(r -> r.body().put("channel", channel)));
        }
        return CompletableFuture.allOf(results.toArray(new CompletableFuture<?>[0])).thenApply(x -> {
            ArrayNode out = JSON.arrayNode();
            results.forEach(r -> out.add(r.join()));
            ObjectNode answer = JSON.objectNode();
            answer.set("results", out);
            return HttpAnswer.json(200, answer);
        });
    }

    private CompletableFuture<HttpAnswer> channel(AppConfig app, HttpCall call) throws ProtocolException {
        // The path is decoded once already: decoding again made "%25zz" throw and the connection drop unanswered.
        String channel = call.path().substring("/api/v1/channels/".length());
        if (!Channels.isValid(channel)) {
            throw new ProtocolException(ErrorWord.BAD_CHANNEL, "channel must match ^[A-Za-z0-9_\\-:.@=]{1,128}$");
        }
        return node.subscriberCount(new ChannelKey(app.appkey(), channel)).thenApply(n ->
                HttpAnswer.json(200, JSON.objectNode().put("channel", channel).put("subscribers", n)));
    }

    private CompletableFuture<HttpAnswer> disconnect(AppConfig app, HttpCall call) throws ProtocolException {
        String userId = JsonBodies.text(bodies.object(call), "userId");
        return broker.disconnectUser(app.appkey(), userId).thenApply(n ->
                HttpAnswer.json(200, JSON.objectNode().put("disconnected", n)));
    }

    /**
     * A channel the backend may publish to: login channels carry only events the server makes
     * from trusted data, so nobody publishes there, not even the backend.
     */
    private static String publishableChannel(JsonNode c) throws ProtocolException {
        if (c == null || !c.isTextual() || !Channels.isValid(c.asText())) {
            throw new ProtocolException(ErrorWord.BAD_CHANNEL, "channel must match ^[A-Za-z0-9_\\-:.@=]{1,128}$");
        }
        if (Channels.isLogin(c.asText())) {
            throw new ProtocolException(ErrorWord.FORBIDDEN, "login channels carry server events only");
        }
        return c.asText();
    }

    /**
     * The optional {@code guid} of a publish or broadcast. Dedupe is per channel, so one guid on a
     * broadcast makes each channel's copy safe to retry, as on a publish.
     */
    private static String optionalGuid(JsonNode body) throws ProtocolException {
        JsonNode guid = body.get("guid");
        if (guid == null || guid.isNull()) {
            return null;
        }
        if (!guid.isTextual() || guid.asText().isEmpty() || guid.asText().length() > 128) {
            throw new ProtocolException(ErrorWord.BAD_REQUEST, "guid must be a string of 1 to 128 characters");
        }
        return guid.asText();
    }

    private RawJson content(JsonNode body) throws ProtocolException {
        JsonNode content = body.get("content");
        if (content == null) {
            throw new ProtocolException(ErrorWord.BAD_REQUEST, "content is required");
        }
        RawJson raw = RawJson.of(content);
        int max = limits.maxContentBytes();
        if (raw.size() > max) {
            throw new ProtocolException(ErrorWord.TOO_LARGE, "content is over " + max + " bytes");
        }
        return raw;
    }

}
