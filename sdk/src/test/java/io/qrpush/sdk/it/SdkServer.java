package io.qrpush.sdk.it;

import io.qrpush.sdk.QrPushApi;
import io.qrpush.sdk.QrPushClient;
import io.qrpush.sdk.RetryPolicy;
import io.qrpush.sdk.Tokens;
import io.qrpush.server.PushServer;
import io.qrpush.server.config.AppConfig;
import io.qrpush.server.config.LoginSettings;
import io.qrpush.server.config.NamespaceSettings;
import io.qrpush.server.config.Namespaces;
import io.qrpush.server.config.QrpushConfig;
import io.qrpush.server.config.ServerSettings;
import java.time.Duration;
import java.util.List;

/**
 * A real qrpush server in this JVM on 127.0.0.1 (port 0 unless a port is given, so a test can
 * restart it on the same port), with app {@link #APP} (no anonymous publish, origin
 * {@link #ORIGIN}) and app {@link #OPEN_APP} (anonymous publish allowed). Close it after the test.
 */
public final class SdkServer implements AutoCloseable {
    public static final String APP = "app-a";
    public static final String SECRET = "secret-a-0123456789abcdef";
    public static final String API_KEY = "apikey-a-0123456789abcdef";
    public static final String ORIGIN = "http://a.example:8000";
    public static final String QR_URL = "https://a.example/qr?k={key}";
    public static final String OPEN_APP = "app-open";
    public static final String OPEN_SECRET = "secret-open-0123456789abcdef";
    public static final String OPEN_API_KEY = "apikey-open-0123456789abcdef";
    /** A channel of namespace {@code news}, which keeps history and presence in {@link #startWithHistory}. */
    public static final String HISTORY_CHANNEL = "news:1";

    private final PushServer server;
    private final int port;

    private SdkServer(QrpushConfig config) throws InterruptedException {
        this.server = new PushServer(config);
        this.port = server.start();
    }

    static QrpushConfig config(int port) {
        return QrpushConfig.of(List.of(
                        new AppConfig(APP, SECRET, API_KEY, List.of(ORIGIN), QR_URL, false, false),
                        new AppConfig(OPEN_APP, OPEN_SECRET, OPEN_API_KEY, List.of(), "https://o.example/qr?k={key}",
                                true, true)))
                .withServer(ServerSettings.defaults().withHost("127.0.0.1").withPort(port))
                // admission control off: a cold node on a busy test machine would refuse logins by design
                .withLogin(LoginSettings.defaults().withMaxLoopLag(Duration.ZERO));
    }

    public static SdkServer start() throws InterruptedException {
        return new SdkServer(config(0));
    }

    /** Starts on a given port, e.g. the one of a server just closed. */
    public static SdkServer startOn(int port) throws InterruptedException {
        return new SdkServer(config(port));
    }

    /** Starts with namespace {@code news} keeping 100 publications per channel, with presence and join/leave. */
    public static SdkServer startWithHistory() throws InterruptedException {
        return startWithHistoryOn(0);
    }

    /** As {@link #startWithHistory} on a given port, e.g. the one of a server just closed. */
    public static SdkServer startWithHistoryOn(int port) throws InterruptedException {
        return new SdkServer(config(port).withNamespaces(new Namespaces(List.of(
                new NamespaceSettings("news", 100, Duration.ofMinutes(5), true, true)))));
    }

    /** Starts with number matching on {@link #APP} (docs/protocol.md section 4, "Login safety"). */
    public static SdkServer startWithNumberMatching() throws InterruptedException {
        QrpushConfig c = config(0);
        List<AppConfig> apps = c.apps().stream().map(a -> a.appkey().equals(APP) ? a.withNumberMatching(true) : a)
                .toList();
        return new SdkServer(new QrpushConfig(c.server(), c.limits(), c.login(), c.broker(), apps, c.demo(),
                c.namespaces()));
    }

    /** Starts with a short authorize timeout, for clients that are slow to authorize. */
    public static SdkServer startWithAuthorizeTimeout(Duration timeout) throws InterruptedException {
        QrpushConfig c = config(0);
        return new SdkServer(c.withLimits(c.limits().withTimers(timeout, c.limits().pingInterval(),
                c.limits().idleTimeout())));
    }

    public int port() {
        return port;
    }

    public String httpUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String wsUrl() {
        return "ws://127.0.0.1:" + port + "/ws";
    }

    /** The server API of {@link #APP}, with short retry delays so failure tests stay quick. */
    public QrPushApi api() {
        return api(httpUrl());
    }

    static QrPushApi api(String baseUrl) {
        return QrPushApi.builder(baseUrl, API_KEY)
                .retry(new RetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(100)))
                .timeout(Duration.ofSeconds(5))
                .build();
    }

    public static Tokens tokens() {
        return Tokens.of(SECRET);
    }

    /** A client of {@link #APP} with fast reconnects; anonymous unless given an otp supplier. */
    public QrPushClient.Builder client() {
        return client(wsUrl());
    }

    static QrPushClient.Builder client(String wsUrl) {
        return QrPushClient.builder(wsUrl, APP)
                .reconnectDelay(Duration.ofMillis(50), Duration.ofMillis(300))
                .connectTimeout(Duration.ofSeconds(5));
    }

    @Override
    public void close() {
        server.close();
    }
}
