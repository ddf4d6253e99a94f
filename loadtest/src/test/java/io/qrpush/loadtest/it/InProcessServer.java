package io.qrpush.loadtest.it;

import io.qrpush.server.PushServer;
import io.qrpush.server.config.AppConfig;
import io.qrpush.server.config.Limits;
import io.qrpush.server.config.LoginSettings;
import io.qrpush.server.config.NamespaceSettings;
import io.qrpush.server.config.Namespaces;
import io.qrpush.server.config.QrpushConfig;
import io.qrpush.server.config.ServerSettings;
import java.time.Duration;
import java.util.List;

/** A real qrpush server in this JVM on 127.0.0.1, port 0, with the load-test app and generous limits. */
final class InProcessServer implements AutoCloseable {
    static final String APPKEY = "loadtest";
    static final String SECRET = "loadtest-secret-0123456789abcdef";
    static final String API_KEY = "loadtest-apikey-0123456789abcdef";

    private final PushServer server;
    private final int port;

    InProcessServer() throws InterruptedException {
        Limits d = Limits.defaults();
        QrpushConfig config = QrpushConfig.of(List.of(new AppConfig(APPKEY, SECRET, API_KEY,
                        List.of("http://127.0.0.1:8080"), "http://127.0.0.1:8080/qr?k={key}", false, false)))
                .withServer(ServerSettings.defaults().withHost("127.0.0.1").withPort(0))
                .withLimits(new Limits(d.maxFrameBytes(), d.maxContentBytes(), d.maxSubscriptions(), 4 << 20,
                        d.authorizeTimeout(), d.pingInterval(), d.idleTimeout(), Duration.ofSeconds(120), 100_000))
                .withLogin(LoginSettings.defaults().withCreatePerMinute(1_000_000)
                        // Admission off, as in the server's TestServer: a busy test machine's loops lag
                        // past login.maxLoopLag and a cold node would refuse the flows, as designed.
                        .withMaxLoopLag(Duration.ZERO))
                // The jitter scenario's channels keep history, as in loadtest/config/loadtest.yaml.
                .withNamespaces(new Namespaces(List.of(new NamespaceSettings("jitter", 30, Duration.ofSeconds(60),
                        false, false))));
        server = new PushServer(config);
        port = server.start();
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        server.close();
    }
}
