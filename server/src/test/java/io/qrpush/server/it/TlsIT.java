package io.qrpush.server.it;

import static io.qrpush.server.it.TestServer.APP_A;
import static io.qrpush.server.it.TestServer.SECRET_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.qrpush.server.config.AdminSettings;
import io.qrpush.server.config.TlsSettings;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** server.tls: the node serves https:// and wss:// itself, with a certificate made by openssl. */
class TlsIT {

    @Test
    void httpsAndWssWorkAndPlainConnectionsToATlsPortFail(@TempDir Path dir) throws Exception {
        Path cert = selfSigned(dir);
        try (TestServer server = tlsServer(dir)) {
            HttpClient https = HttpClient.newBuilder().sslContext(trusting(cert)).build();
            HttpResponse<String> health = https.send(HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + server.port() + "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);

            try (WsClient wss = WsClient.connect(https, URI.create("wss://127.0.0.1:" + server.port() + "/ws"), null)) {
                wss.requestOk("{\"op\":\"authorize\",\"id\":1,\"appkey\":\"" + APP_A + "\"}");
            }
            assertThatThrownBy(() -> WsClient.connect(server.wsUri(), null)).as("plain ws:// to a TLS port");
        }
    }

    /**
     * A fan-out over wss: every subscriber, one of them on two channels so that its frames queue
     * behind one another, gets every message whole and in order. Over TLS each connection is
     * written its own frame; a frame shared between connections could be appended to by the TLS
     * handler of one of them.
     */
    @Test
    void aFanOutOverWssReachesEverySubscriberWhole(@TempDir Path dir) throws Exception {
        Path cert = selfSigned(dir);
        try (TestServer server = tlsServer(dir)) {
            HttpClient https = HttpClient.newBuilder().sslContext(trusting(cert)).build();
            URI wss = URI.create("wss://127.0.0.1:" + server.port() + "/ws");
            List<WsClient> subscribers = new ArrayList<>();
            try (WsClient pub = WsClient.connect(https, wss, null)) {
                pub.requestOk("{\"op\":\"authorize\",\"id\":1,\"appkey\":\"" + APP_A + "\",\"otp\":\""
                        + TestServer.otp(SECRET_A, "u1", "news", "sport") + "\"}");
                for (int i = 0; i < 4; i++) {
                    WsClient sub = WsClient.connect(https, wss, null);
                    subscribers.add(sub);
                    sub.requestOk("{\"op\":\"authorize\",\"id\":1,\"appkey\":\"" + APP_A + "\"}");
                    sub.subscribe("news", null);
                }
                subscribers.get(0).subscribe("sport", null);
                String padding = "x".repeat(300);
                for (int n = 0; n < 40; n++) {
                    for (String channel : List.of("news", "sport")) {
                        JsonNode reply = pub.publish(channel, "{\"n\":" + n + ",\"pad\":\"" + padding + "\"}");
                        assertThat(reply.path("code").asInt()).isEqualTo(200);
                    }
                }
                for (WsClient sub : subscribers) {
                    List<String> channels = sub == subscribers.get(0) ? List.of("news", "sport") : List.of("news");
                    for (int n = 0; n < 40; n++) {
                        for (String channel : channels) {
                            JsonNode m = sub.next("message");
                            assertThat(m.path("channel").asText()).isEqualTo(channel);
                            assertThat(m.path("content").path("n").asInt()).isEqualTo(n);
                            assertThat(m.path("content").path("pad").asText()).isEqualTo(padding);
                        }
                    }
                }
            } finally {
                subscribers.forEach(WsClient::close);
            }
        }
    }

    /** The admin session cookie carries {@code Secure} when the node serves TLS (AdminIT checks the plain-HTTP flags). */
    @Test
    void theAdminCookieIsSecureOverTls(@TempDir Path dir) throws Exception {
        Path cert = selfSigned(dir);
        TlsSettings tls = new TlsSettings(cert.toString(), dir.resolve("key.pem").toString());
        try (TestServer server = TestServer.start(c -> c.withServer(c.server().withTls(tls))
                .withAdmin(new AdminSettings(AdminIT.TOKEN)))) {
            HttpClient https = HttpClient.newBuilder().sslContext(trusting(cert)).build();
            HttpResponse<String> signIn = https.send(HttpRequest.newBuilder(
                            URI.create("https://127.0.0.1:" + server.port() + "/admin/api/signin"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + AdminIT.TOKEN + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(signIn.statusCode()).isEqualTo(200);
            assertThat(signIn.headers().firstValue("Set-Cookie").orElseThrow())
                    .contains("; HttpOnly").contains("; SameSite=Strict").endsWith("; Secure");
        }
    }

    private static Path selfSigned(Path dir) throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                "-keyout", key.toString(), "-out", cert.toString()).redirectErrorStream(true).start();
        openssl.getInputStream().readAllBytes();
        assertThat(openssl.waitFor(30, TimeUnit.SECONDS) && openssl.exitValue() == 0).as("openssl made a cert").isTrue();
        return cert;
    }

    private static TestServer tlsServer(Path dir) throws Exception {
        String cert = dir.resolve("cert.pem").toString();
        String key = dir.resolve("key.pem").toString();
        return TestServer.start(c -> c.withServer(c.server().withTls(new TlsSettings(cert, key))));
    }

    private static SSLContext trusting(Path certPem) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(certPem)) {
            trust.setCertificateEntry("qrpush-test", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
