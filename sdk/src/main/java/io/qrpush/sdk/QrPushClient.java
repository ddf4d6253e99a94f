package io.qrpush.sdk;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrpush.protocol.policy.Backoff;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * A realtime qrpush connection for JVM apps (Android, desktop) and tests: authorize, subscribe,
 * publish, receive; it reconnects by itself, the way the browser client does.
 *
 * <pre>{@code
 * QrPushClient client = QrPushClient.builder("wss://push.example.com/ws", "demo")
 *         .otp(() -> myBackend.fetchOtp()).build();
 * client.onMessage("news", m -> System.out.println(m.content()));
 * client.connect();
 * client.subscribe("news");
 * client.publish("news", Map.of("text", "hi"), false).join();
 * }</pre>
 *
 * <p>Behaviour: the otp supplier is asked on every (re)connect, since an otp works once.
 * Reconnects wait a full-jitter backoff (0.5 s to 20 s by default; 4 s to 20 s after close 4008 or
 * a refused {@code rate_limited}; inside the server's {@code delay} window when its
 * {@code disconnect} frame has one). They stop for good on {@code reconnect:false}, on close 4003
 * or 4011, on a bare close 4001, and when authorize is refused for a reason a new attempt cannot
 * fix; an authorize timeout (4001 with {@code reconnect:true}) and a refused otp
 * ({@code bad_otp}, {@code otp_reused}, {@code otp_expired}) reconnect with a fresh otp. The table
 * is docs/protocol.md, "Client behaviour". After each
 * reconnect every subscription is renewed with its token, and publishes still unanswered are sent
 * again with the same guid and {@code retried} + 1, so the server delivers them once. On history
 * channels each subscription remembers its last offset and epoch and recovers what it missed on
 * every resubscribe, or says it could not ({@link #onRecoveryFailed}). Messages are deduplicated
 * by guid and by offset, and acked once the listeners have returned. A ping every
 * {@code pingInterval} detects dead connections.
 *
 * <p>Threads: listeners run one at a time on the client's listener thread; futures complete on a
 * separate pool, so a listener may block on a future of this client. Thread-safe.
 */
public final class QrPushClient implements AutoCloseable {
    /** Sent in authorize and as the HTTP User-Agent. */
    public static final String SDK_NAME = "qrpush-java/0.1.0";

    private final ClientThreads threads = new ClientThreads();
    private final Listeners listeners = new Listeners(threads.listenerThread);
    private final ClientCore core;

    private QrPushClient(ClientSettings settings) {
        this.core = new ClientCore(settings, threads.loop, listeners);
    }

    /**
     * @param url    the WebSocket endpoint, e.g. {@code ws://127.0.0.1:8080/ws}
     * @param appkey the app's public key
     */
    public static Builder builder(String url, String appkey) {
        return new Builder(url, appkey);
    }

    /**
     * Starts connecting (idempotent); completes once authorized, and fails only when the client
     * gives up (refused appkey, a close that says not to come back) or is closed. Transient
     * failures are retried meanwhile: add {@code orTimeout} to bound the wait.
     */
    public CompletableFuture<ConnectInfo> connect() {
        return threads.onLoop(() -> {
            CompletableFuture<ConnectInfo> f = new CompletableFuture<>();
            core.connect(f);
            return f;
        });
    }

    /** Subscribes to a public channel now, or as soon as connected; renewed after every reconnect. */
    public CompletableFuture<SubscribeResult> subscribe(String channel) {
        return subscribe(channel, null);
    }

    /** Subscribes to a protected channel ({@code login:}, {@code private:}) with its subscription token. */
    public CompletableFuture<SubscribeResult> subscribe(String channel, String token) {
        return threads.onLoop(() -> core.requests().subscribe(channel, token));
    }

    /** Stops a subscription; messages already in flight may still arrive. */
    public CompletableFuture<Void> unsubscribe(String channel) {
        return threads.onLoop(() -> core.requests().unsubscribe(channel));
    }

    /** Publishes JSON content without asking for a receipt. */
    public CompletableFuture<PublishResult> publish(String channel, Object content) {
        return publish(channel, content, false);
    }

    /**
     * Publishes now, or once connected; the future fails with {@link QrPushException} on a non-200
     * reply. With {@code receipt} the first subscriber's ack comes back to {@link #onReceipt}.
     */
    public CompletableFuture<PublishResult> publish(String channel, Object content, boolean receipt) {
        return publish(channel, content, receipt, null);
    }

    /** As {@link #publish(String, Object, boolean)} with the caller's guid (null: generated). */
    public CompletableFuture<PublishResult> publish(String channel, Object content, boolean receipt, String guid) {
        return threads.onLoop(() -> core.requests().publish(channel, Json.tree(content), receipt, guid));
    }

    /**
     * Reads a history channel's kept publications (docs/protocol.md section 6) on the current
     * connection; fails at once with {@code disconnected} without one, with 400 {@code not_enabled}
     * on a namespace without history.
     */
    public CompletableFuture<HistoryPage> history(String channel, HistoryQuery query) {
        return threads.onLoop(() -> core.requests().query("history", channel, query.token(), query.params()))
                .thenApply(body -> HistoryPage.of(body, channel));
    }

    /** Who is subscribed to the channel now (docs/protocol.md section 7); {@code token} on protected channels, else null. */
    public CompletableFuture<Presence> presence(String channel, String token) {
        return threads.onLoop(() -> core.requests().query("presence", channel, token, Json.MAPPER.createObjectNode()))
                .thenApply(Presence::of);
    }

    /** The presence counts only: cheap on large channels. */
    public CompletableFuture<PresenceStats> presenceStats(String channel, String token) {
        return threads.onLoop(() -> core.requests().query("presence_stats", channel, token, Json.MAPPER.createObjectNode()))
                .thenApply(b -> new PresenceStats(b.path("clients").asInt(), b.path("users").asInt()));
    }

    /** Every message on every channel (each guid once). */
    public Registration onMessage(Consumer<Message> listener) {
        return listeners.onMessage(listener);
    }

    /** Messages on one channel. */
    public Registration onMessage(String channel, Consumer<Message> listener) {
        return listeners.onMessage(channel, listener);
    }

    /**
     * A resubscribe could not recover what was published while disconnected (docs/protocol.md
     * section 6): messages may be missing, so refetch the channel's state by your own means.
     * When recovery works, the missed messages simply arrive, in order, before the live ones.
     */
    public Registration onRecoveryFailed(Consumer<RecoveryFailure> listener) {
        return listeners.onRecoveryFailed(listener);
    }

    /** A user's first subscription to a channel began (namespaces with {@code joinLeave}). */
    public Registration onJoin(Consumer<PresenceEvent> listener) {
        return listeners.onJoin(listener);
    }

    /** A user's last subscription to a channel ended. */
    public Registration onLeave(Consumer<PresenceEvent> listener) {
        return listeners.onLeave(listener);
    }

    public Registration onReceipt(Consumer<Receipt> listener) {
        return listeners.onReceipt(listener);
    }

    public Registration onStateChange(Consumer<StateChange> listener) {
        return listeners.onStateChange(listener);
    }

    /** Failures no future reports: a refused authorize or resubscribe, a throwing listener or otp supplier. */
    public Registration onError(Consumer<QrPushException> listener) {
        return listeners.onError(listener);
    }

    public ClientState state() {
        return core.state();
    }

    /** The current connection's authorize answer, or null when not connected. */
    public ConnectInfo info() {
        return core.info();
    }

    /** A publish on the current connection only, answered with the reply's fields (login actions). */
    CompletableFuture<ObjectNode> publishOnce(String channel, Object content) {
        return threads.onLoop(() -> core.requests().publishOnce(channel, Json.tree(content)));
    }

    /**
     * Closes the connection, fails waiting futures with kind {@code DISCONNECTED}, and stops the
     * client's threads. Final; waits up to 5 s for the close to be processed.
     */
    @Override
    public void close() {
        threads.shutdownAfter(core::close);
    }

    @Override
    public String toString() {
        return "QrPushClient[" + core.state() + "]";
    }

    /** Settings of a {@link QrPushClient}; all but the URL and appkey have defaults. */
    public static final class Builder {
        private final URI url;
        private final String appkey;
        private String userId;
        private Supplier<String> otp;
        private String sdk = SDK_NAME;
        private Duration pingInterval = Duration.ofSeconds(25);
        private Duration pongTimeout = Duration.ofSeconds(10);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration minReconnectDelay = Backoff.DEFAULT_MIN;
        private Duration maxReconnectDelay = Backoff.DEFAULT_MAX;
        private int dedupeSize = 256;
        private int maxFrameBytes = 65536;
        private HttpClient http;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

        private Builder(String url, String appkey) {
            this.url = URI.create(Objects.requireNonNull(url, "url"));
            if (!"ws".equals(this.url.getScheme()) && !"wss".equals(this.url.getScheme())) {
                throw new IllegalArgumentException("url must start with ws:// or wss://");
            }
            if (appkey == null || appkey.isEmpty()) {
                throw new IllegalArgumentException("appkey is required");
            }
            this.appkey = appkey;
        }

        /** Must equal the otp's {@code sub} when given; usually left out. */
        public Builder userId(String id) {
            this.userId = id;
            return this;
        }

        /** Asked for a fresh otp before every connection attempt; without it the client is anonymous. */
        public Builder otp(Supplier<String> supplier) {
            this.otp = supplier;
            return this;
        }

        /** The {@code sdk} string sent in authorize (default {@code qrpush-java/0.1.0}). */
        public Builder sdk(String name) {
            this.sdk = Objects.requireNonNull(name, "sdk");
            return this;
        }

        /** App-level ping period (default 25 s; zero turns pings off) and how long to wait for any frame after one (default 10 s). */
        public Builder ping(Duration interval, Duration timeout) {
            this.pingInterval = Objects.requireNonNull(interval, "interval");
            this.pongTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Limit for one attempt: otp, handshake and authorize (default 10 s). */
        public Builder connectTimeout(Duration t) {
            this.connectTimeout = Objects.requireNonNull(t, "connectTimeout");
            return this;
        }

        /** Reconnect backoff window (default 0.5 s to 20 s; after close 4008 it starts at 8 times {@code min}). */
        public Builder reconnectDelay(Duration min, Duration max) {
            this.minReconnectDelay = Objects.requireNonNull(min, "min");
            this.maxReconnectDelay = Objects.requireNonNull(max, "max");
            return this;
        }

        /** Message guids remembered per channel to drop redeliveries (default 256). */
        public Builder dedupeSize(int n) {
            this.dedupeSize = n;
            return this;
        }

        /** The server's maxFrameBytes (default 65536): bigger publishes are refused locally with 413. */
        public Builder maxFrameBytes(int n) {
            this.maxFrameBytes = n;
            return this;
        }

        /** Shares an HttpClient (proxy, TLS settings). */
        public Builder httpClient(HttpClient client) {
            this.http = Objects.requireNonNull(client, "httpClient");
            return this;
        }

        /** An extra handshake header, e.g. {@code Origin} for an app the server checks like a web page. */
        public Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** The randomness of the backoff jitter (tests pin it). */
        Builder random(DoubleSupplier r) {
            this.random = r;
            return this;
        }

        public QrPushClient build() {
            HttpClient client = http != null ? http : HttpClient.newBuilder().connectTimeout(connectTimeout).build();
            return new QrPushClient(new ClientSettings(url, appkey, userId, otp, sdk, pingInterval, pongTimeout,
                    connectTimeout, minReconnectDelay, maxReconnectDelay, dedupeSize, maxFrameBytes, client, headers,
                    random));
        }
    }
}
