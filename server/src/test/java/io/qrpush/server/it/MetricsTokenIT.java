package io.qrpush.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** With {@code server.metricsToken} set, /metrics answers only its bearer; /healthz stays open. */
@Tag(TestServer.SINGLE_NODE)
class MetricsTokenIT {
    private static final String TOKEN = "metrics-token-0123456789abcdef";
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(c -> c.withServer(c.server().withMetricsToken(TOKEN)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void metricsNeedTheBearerToken() throws Exception {
        HttpResponse<String> none = server.api("GET", "/metrics", null, null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.body()).contains("\"error\":\"unauthorized\"").doesNotContain("qrpush_");
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(server.api("GET", "/metrics", TOKEN + "x", null).statusCode()).isEqualTo(401);
        assertThat(server.api("GET", "/metrics", TestServer.API_KEY_A, null).statusCode())
                .as("an app's apiKey is not the metrics token").isEqualTo(401);
        HttpResponse<String> ok = server.api("GET", "/metrics", TOKEN, null);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("qrpush_connections");
        assertThat(server.api("GET", "/healthz", null, null).statusCode()).isEqualTo(200);
    }
}
