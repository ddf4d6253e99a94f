package io.qrpush.server.it;

import io.qrpush.protocol.token.Otps;
import io.qrpush.protocol.token.SubscriptionTokens;
import io.qrpush.server.Nodes;
import io.qrpush.server.PushServer;
import io.qrpush.server.config.AppConfig;
import io.qrpush.server.config.BrokerSettings;
import io.qrpush.server.config.QrpushConfig;
import io.qrpush.server.config.LoginSettings;
import io.qrpush.server.config.ServerSettings;
import io.qrpush.server.core.ChannelFeature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A real server on 127.0.0.1, port 0, with two apps ({@link #APP_A} allows origin
 * {@link #ORIGIN_A}; {@link #APP_B} allows {@link #ORIGIN_B}), plus helpers to mint tokens and call
 * the HTTP API. Close it after the test.
 */
public final class TestServer implements AutoCloseable {
    public static final String APP_A = "app-a";
    public static final String APP_B = "app-b";
    public static final String SECRET_A = "secret-a-0123456789abcdef";
    public static final String SECRET_B = "secret-b-0123456789abcdef";
    public static final String API_KEY_A = "apikey-a-0123456789abcdef";
    public static final String API_KEY_B = "apikey-b-0123456789abcdef";
    public static final String ORIGIN_A = "http://a.example:8000";
    public static final String ORIGIN_B = "https://b.example";

    /**
     * With {@code -Dqrpush.it.broker=redis} (the cluster run of the same ITs) every TestServer is two
     * nodes sharing one Redis: WebSocket connections alternate between them, so a test's PC and
     * phone, publisher and subscriber usually sit on different nodes.
     */
    static final boolean CLUSTER = "redis".equals(System.getProperty("qrpush.it.broker"));
    /**
     * Tag of tests that assert one node's own view (its {@code delivered} count, its metrics, its
     * store size): the cluster run leaves them out, the single-node run keeps them.
     */
    public static final String SINGLE_NODE = "single-node";

    private final PushServer server;
    private final int port;
    private final PushServer peer;
    private final int peerPort;
    private final AtomicInteger connections = new AtomicInteger();
    private final HttpClient http = HttpClient.newHttpClient();

    private TestServer(PushServer server, PushServer peer) throws InterruptedException {
        this.server = server;
        this.port = server.start();
        this.peer = peer;
        this.peerPort = peer == null ? -1 : peer.start();
    }

    /**
     * The default test configuration. Admission control is off: on a busy test machine a cold
     * node's loops lag past {@code login.maxLoopLag} and it would refuse, as designed, the login
     * sessions a flow test needs. AdmissionIT turns it on to test it.
     */
    public static QrpushConfig config() {
        return QrpushConfig.of(List.of(
                new AppConfig(APP_A, SECRET_A, API_KEY_A, List.of(ORIGIN_A), "https://a.example/qr?k={key}", false, false),
                new AppConfig(APP_B, SECRET_B, API_KEY_B, List.of(ORIGIN_B), "https://b.example/qr?k={key}", true, true)))
                .withServer(ServerSettings.defaults().withHost("127.0.0.1").withPort(0))
                .withLogin(LoginSettings.defaults().withMaxLoopLag(Duration.ZERO));
    }

    public static TestServer start() throws InterruptedException {
        return start(c -> c);
    }

    /** Starts with the default configuration changed by {@code tweak}. */
    public static TestServer start(UnaryOperator<QrpushConfig> tweak) throws InterruptedException {
        QrpushConfig c = tweak.apply(config());
        if (!CLUSTER || "redis".equals(c.broker().type())) {
            return new TestServer(new PushServer(c), null);
        }
        QrpushConfig clustered = c.withBroker(new BrokerSettings("redis", SharedRedis.freshUri()));
        return new TestServer(new PushServer(clustered), new PushServer(clustered));
    }

    /**
     * Starts the default configuration with features that see their channels' events before
     * login does (a login service in trouble, say); both nodes get them in the cluster run.
     */
    public static TestServer withFeatures(ChannelFeature... extra) throws InterruptedException {
        QrpushConfig c = config();
        if (!CLUSTER) {
            return new TestServer(server(c, extra), null);
        }
        QrpushConfig clustered = c.withBroker(new BrokerSettings("redis", SharedRedis.freshUri()));
        return new TestServer(server(clustered, extra), server(clustered, extra));
    }

    private static PushServer server(QrpushConfig c, ChannelFeature... extra) {
        return new PushServer(c, Nodes.create(c, Clock.systemUTC()), List.of(extra));
    }

    /** Starts a server the test built itself (a node on a broker of its own, say); one node in every run. */
    public static TestServer of(PushServer server) throws InterruptedException {
        return new TestServer(server, null);
    }

    public PushServer server() {
        return server;
    }

    public int port() {
        return port;
    }

    /** The WebSocket endpoint; in the cluster run, each call names the next node in turn. */
    public URI wsUri() {
        return URI.create("ws://127.0.0.1:" + nextNodePort() + "/ws");
    }

    /** The port of a node; in the cluster run, each call names the next node in turn. */
    public int nextNodePort() {
        return peer != null && connections.getAndIncrement() % 2 == 1 ? peerPort : port;
    }

    public URI httpUri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** A client over {@code wire} without an Origin header. */
    public FrameClient connect(Wire wire) throws Exception {
        return wire.connect(this, null);
    }

    /** A connected client without an Origin header. */
    public WsClient connect() throws Exception {
        return WsClient.connect(wsUri(), null);
    }

    /** A connected WebSocket client authorized anonymously to {@code appkey}. */
    public WsClient anonymous(String appkey) throws Exception {
        return (WsClient) anonymous(Wire.WEBSOCKET, appkey);
    }

    /** A connected WebSocket client authorized with a fresh otp for {@code user} that may publish to {@code globs}. */
    public WsClient user(String appkey, String user, String... globs) throws Exception {
        return (WsClient) user(Wire.WEBSOCKET, appkey, user, globs);
    }

    /** A client over {@code wire} authorized anonymously to {@code appkey}. */
    public FrameClient anonymous(Wire wire, String appkey) throws Exception {
        FrameClient c = connect(wire);
        c.requestOk("{\"op\":\"authorize\",\"id\":1,\"appkey\":\"" + appkey + "\"}");
        return c;
    }

    /** A client over {@code wire} authorized with a fresh otp for {@code user} that may publish to {@code globs}. */
    public FrameClient user(Wire wire, String appkey, String user, String... globs) throws Exception {
        FrameClient c = connect(wire);
        c.requestOk("{\"op\":\"authorize\",\"id\":1,\"appkey\":\"" + appkey + "\",\"otp\":\""
                + otp(secretOf(appkey), user, globs) + "\"}");
        return c;
    }

    public static String secretOf(String appkey) {
        return APP_A.equals(appkey) ? SECRET_A : SECRET_B;
    }

    public static String otp(String secret, String user, String... globs) {
        return Otps.mint(secret, user, Duration.ofSeconds(60), user + " name", null, List.of(globs), Instant.now());
    }

    public static String subscriptionToken(String secret, String channel) {
        return SubscriptionTokens.mint(secret, channel, Instant.now().plusSeconds(60));
    }

    /** Calls the HTTP API; {@code apiKey} null sends no Authorization header. */
    public HttpResponse<String> api(String method, String path, String apiKey, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(httpUri(path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (apiKey != null) {
            b.header("Authorization", "Bearer " + apiKey);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        if (peer != null) {
            peer.close();
        }
        server.close();
    }
}
