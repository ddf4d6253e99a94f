package io.qrpush.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrpush.protocol.RandomIds;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The server API for an app's backend (docs/protocol.md section 5): publish, broadcast, channel info,
 * history and presence, kick a user, act on a login for one of its users, redeem a login ticket. Immutable and thread-safe: build one and share it.
 *
 * <pre>{@code
 * QrPushApi api = QrPushApi.builder("https://push.example.com", System.getenv("QRPUSH_API_KEY")).build();
 * api.publish("orders", Map.of("id", 7));
 * }</pre>
 *
 * <p>Every call has a blocking form, which throws {@link QrPushException}, and an {@code Async}
 * form whose future fails with one. Publishes always carry a guid (one is generated when none is
 * given) and are retried with that same guid on connection failures and 5xx answers: the server
 * dedupes by guid, so a retry whose first attempt got through is answered {@code duplicate} and
 * never delivered twice. See {@link RetryPolicy} for the other calls.
 */
public final class QrPushApi {
    private final String baseUrl;
    private final HttpCaller caller;

    private QrPushApi(Builder b) {
        this.baseUrl = b.baseUrl;
        HttpClient http = b.httpClient != null ? b.httpClient : HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // plain http: skip the h2c upgrade dance
                .connectTimeout(b.connectTimeout)
                .build();
        this.caller = new HttpCaller(http, b.baseUrl, b.apiKey, b.timeout, b.retry);
    }

    /** @param baseUrl the server's HTTP address, e.g. {@code http://127.0.0.1:8080} */
    public static Builder builder(String baseUrl, String apiKey) {
        return new Builder(baseUrl, apiKey);
    }

    /** Publishes JSON {@code content} (a JsonNode, a Map, a record, a String...) with a fresh guid. */
    public PublishResult publish(String channel, Object content) {
        return await(publishAsync(channel, content, null));
    }

    /** Publishes with the caller's guid, e.g. an order id, so the caller's own retries dedupe too. */
    public PublishResult publish(String channel, Object content, String guid) {
        return await(publishAsync(channel, content, guid));
    }

    public CompletableFuture<PublishResult> publishAsync(String channel, Object content) {
        return publishAsync(channel, content, null);
    }

    public CompletableFuture<PublishResult> publishAsync(String channel, Object content, String guid) {
        Objects.requireNonNull(channel, "channel");
        String g = guid != null ? guid : RandomIds.random128();
        ObjectNode body = Json.MAPPER.createObjectNode().put("channel", channel);
        body.set("content", Json.tree(content));
        body.put("guid", g);
        return caller.call("POST", "/api/v1/publish", body, true).thenApply(n -> PublishResult.of(channel, g, n));
    }

    /**
     * Publishes the same content to several channels in one call, under one guid that the server
     * dedupes per channel, so it is retried like a publish: no channel gets it twice.
     */
    public List<PublishResult> broadcast(Collection<String> channels, Object content) {
        return await(broadcastAsync(channels, content));
    }

    public CompletableFuture<List<PublishResult>> broadcastAsync(Collection<String> channels, Object content) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode list = body.putArray("channels");
        channels.forEach(list::add);
        body.set("content", Json.tree(content));
        body.put("guid", RandomIds.random128());
        return caller.call("POST", "/api/v1/broadcast", body, true).thenApply(n -> {
            List<PublishResult> out = new ArrayList<>();
            for (JsonNode r : n.path("results")) {
                out.add(PublishResult.of(r.path("channel").asText(), "", r));
            }
            return List.copyOf(out);
        });
    }

    /** How many subscribers a channel has now. */
    public ChannelInfo channel(String channel) {
        return await(channelAsync(channel));
    }

    public CompletableFuture<ChannelInfo> channelAsync(String channel) {
        return caller.call("GET", channelPath(channel), null, true).thenApply(n ->
                new ChannelInfo(n.path("channel").asText(channel), n.path("subscribers").asInt()));
    }

    /**
     * A history channel's kept publications (docs/protocol.md section 6), oldest first: at most
     * {@code limit} (0: the namespace's {@code historySize}), after {@code since} when given
     * (null: from the oldest kept). A {@code since} of another epoch gets none: compare epochs.
     */
    public HistoryPage history(String channel, int limit, StreamPosition since) {
        return await(historyAsync(channel, limit, since));
    }

    public CompletableFuture<HistoryPage> historyAsync(String channel, int limit, StreamPosition since) {
        StringJoiner query = new StringJoiner("&", "/history?", "").setEmptyValue("/history");
        if (limit > 0) {
            query.add("limit=" + limit);
        }
        if (since != null) {
            query.add("since=" + since.offset()).add("epoch=" + URLEncoder.encode(since.epoch(), StandardCharsets.UTF_8));
        }
        return caller.call("GET", channelPath(channel) + query, null, true).thenApply(n -> HistoryPage.of(n, channel));
    }

    /** Who is subscribed to a channel with presence, on every node (docs/protocol.md section 7). */
    public Presence presence(String channel) {
        return await(presenceAsync(channel));
    }

    public CompletableFuture<Presence> presenceAsync(String channel) {
        return caller.call("GET", channelPath(channel) + "/presence", null, true).thenApply(Presence::of);
    }

    private static String channelPath(String channel) {
        Objects.requireNonNull(channel, "channel");
        return "/api/v1/channels/" + URLEncoder.encode(channel, StandardCharsets.UTF_8);
    }

    /**
     * Closes every connection of one user (close code 4011: their clients do not reconnect);
     * returns how many were closed. Pair it with no longer minting otps for that user.
     */
    public int disconnect(String userId) {
        return await(disconnectAsync(userId));
    }

    public CompletableFuture<Integer> disconnectAsync(String userId) {
        Objects.requireNonNull(userId, "userId");
        ObjectNode body = Json.MAPPER.createObjectNode().put("userId", userId);
        return caller.call("POST", "/api/v1/disconnect", body, true).thenApply(n -> n.path("disconnected").asInt());
    }

    /**
     * Redeems the one-time ticket a PC received with its {@code confirmed} login event. Works once:
     * a second redemption, or one after the ticket's lifetime, fails with kind {@code GONE}.
     */
    public VerifiedTicket verifyTicket(String ticket) {
        return await(verifyTicketAsync(ticket));
    }

    public CompletableFuture<VerifiedTicket> verifyTicketAsync(String ticket) {
        Objects.requireNonNull(ticket, "ticket");
        ObjectNode body = Json.MAPPER.createObjectNode().put("ticket", ticket);
        return caller.call("POST", "/api/v1/tickets/verify", body, false).thenApply(VerifiedTicket::fromJson);
    }

    /**
     * Scans a login code for one of the app's users, for a phone that talks only to its own
     * backend; completes with the PC that asked, to show the user, and on apps with number matching
     * the numbers to offer. The first scanner wins, whatever door they came through; scanning again
     * as the same user is harmless. {@code name} and {@code avatar} may be null.
     */
    public LoginScan scanLogin(String key, String userId, String name, String avatar) {
        return await(scanLoginAsync(key, userId, name, avatar));
    }

    public CompletableFuture<LoginScan> scanLoginAsync(String key, String userId, String name, String avatar) {
        ObjectNode body = loginBody(userId);
        if (name != null) {
            body.put("name", name);
        }
        if (avatar != null) {
            body.put("avatar", avatar);
        }
        return caller.call("POST", loginPath(key, "scan"), body, true).thenApply(LoginScan::fromJson);
    }

    /** Confirms the login the user scanned: the PC receives its ticket. Not retried: a lost answer may have been taken. */
    public void confirmLogin(String key, String userId) {
        await(confirmLoginAsync(key, userId));
    }

    public CompletableFuture<Void> confirmLoginAsync(String key, String userId) {
        return caller.call("POST", loginPath(key, "confirm"), loginBody(userId), false).thenApply(n -> null);
    }

    /**
     * Confirms with the number the user picked, on an app with number matching
     * ({@link LoginScan#numberMatching()}); a wrong number cancels the login ({@code mismatch}).
     */
    public void confirmLogin(String key, String userId, String match) {
        await(confirmLoginAsync(key, userId, match));
    }

    public CompletableFuture<Void> confirmLoginAsync(String key, String userId, String match) {
        ObjectNode body = loginBody(userId).put("match", Objects.requireNonNull(match, "match"));
        return caller.call("POST", loginPath(key, "confirm"), body, false).thenApply(n -> null);
    }

    /** Refuses the login the user scanned: the PC receives {@code cancelled}. */
    public void cancelLogin(String key, String userId) {
        await(cancelLoginAsync(key, userId));
    }

    public CompletableFuture<Void> cancelLoginAsync(String key, String userId) {
        return caller.call("POST", loginPath(key, "cancel"), loginBody(userId), false).thenApply(n -> null);
    }

    private static ObjectNode loginBody(String userId) {
        return Json.MAPPER.createObjectNode().put("userId", Objects.requireNonNull(userId, "userId"));
    }

    /** The key goes in the path as the QR code carried it: base64url, nothing to encode. */
    private static String loginPath(String key, String action) {
        if (LoginPhone.keyFromQr(Objects.requireNonNull(key, "key"), "{key}").isEmpty()) {
            throw new IllegalArgumentException("a login key is base64url text");
        }
        return "/api/v1/logins/" + key + "/" + action;
    }

    /** Waits for a call; the caller's thread sees the QrPushException itself, not a wrapper. */
    static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(true);
            throw new QrPushException(0, "interrupted", "interrupted while waiting for the server", e, 1);
        } catch (ExecutionException e) {
            Throwable cause = RetryPolicy.unwrap(e);
            if (cause instanceof QrPushException) {
                QrPushException q = (QrPushException) cause;
                // A fresh exception so the stack trace shows the caller, not the HTTP thread.
                throw new QrPushException(q.status(), q.error(), q.serverMessage(), q, q.attempts());
            }
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw new QrPushException(0, "internal", String.valueOf(cause), cause, 1);
        }
    }

    /** Shows the address only: the apiKey never appears in logs. */
    @Override
    public String toString() {
        return "QrPushApi[" + baseUrl + "]";
    }

    /** Settings of a {@link QrPushApi}; everything but the address and the apiKey has a default. */
    public static final class Builder {
        private final String baseUrl;
        private final String apiKey;
        private Duration timeout = Duration.ofSeconds(10);
        private Duration connectTimeout = Duration.ofSeconds(5);
        private RetryPolicy retry = RetryPolicy.defaults();
        private HttpClient httpClient;

        private Builder(String baseUrl, String apiKey) {
            Objects.requireNonNull(baseUrl, "baseUrl");
            if (apiKey == null || apiKey.isBlank()) {
                throw new IllegalArgumentException("apiKey is required");
            }
            String url = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
            if (!url.startsWith("http://") && !url.startsWith("https://")) {
                throw new IllegalArgumentException("baseUrl must start with http:// or https://");
            }
            this.baseUrl = url;
            this.apiKey = apiKey;
        }

        /** How long one attempt waits for its answer (default 10 s). */
        public Builder timeout(Duration t) {
            this.timeout = positive(t, "timeout");
            return this;
        }

        /** How long one attempt waits for the TCP connection (default 5 s); ignored with {@link #httpClient}. */
        public Builder connectTimeout(Duration t) {
            this.connectTimeout = positive(t, "connectTimeout");
            return this;
        }

        public Builder retry(RetryPolicy policy) {
            this.retry = Objects.requireNonNull(policy, "retry");
            return this;
        }

        /** Shares an existing client (its own proxy, TLS and executor settings). */
        public Builder httpClient(HttpClient client) {
            this.httpClient = Objects.requireNonNull(client, "httpClient");
            return this;
        }

        public QrPushApi build() {
            return new QrPushApi(this);
        }

        private static Duration positive(Duration d, String name) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return d;
        }

        @Override
        public String toString() {
            return "QrPushApi.Builder[" + baseUrl + "]";
        }
    }
}
