package io.qrpush.server.it;

import static io.qrpush.server.it.TestServer.APP_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** server.tls: the node serves https:// and wss:// itself, with a certificate made by openssl. */
class TlsIT {

    @Test
    void httpsAndWssWorkAndPlainConnectionsToATlsPortFail(@TempDir Path dir) throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                "-keyout", key.toString(), "-out", cert.toString()).redirectErrorStream(true).start();
        openssl.getInputStream().readAllBytes();
        assertThat(openssl.waitFor(30, TimeUnit.SECONDS) && openssl.exitValue() == 0).as("openssl made a cert").isTrue();

        try (TestServer server = TestServer.start(c -> c.withServer(
                c.server().withTls(new TlsSettings(cert.toString(), key.toString()))))) {
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
