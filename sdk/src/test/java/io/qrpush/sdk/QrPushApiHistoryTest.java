package io.qrpush.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The server API's history, presence and publish offset (docs/protocol.md sections 5 and 6): the
 * requests as the server reads them and the answers as the SDK returns them, against the JDK's
 * HTTP server answering what the real one would.
 */
class QrPushApiHistoryTest {
    private HttpServer http;
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private volatile String answer = "{}";
    private QrPushApi api;

    @BeforeEach
    void start() throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", ex -> {
            asked.add(ex.getRequestMethod() + " " + ex.getRequestURI().getRawPath()
                    + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery()));
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        http.start();
        api = QrPushApi.builder("http://127.0.0.1:" + http.getAddress().getPort(), "key").retry(RetryPolicy.none()).build();
    }

    @AfterEach
    void stop() {
        http.stop(0);
    }

    @Test
    void historyAsksWithLimitSinceAndEpochAndReadsThePage() {
        answer = "{\"publications\":[{\"guid\":\"g6\",\"ts\":1,\"content\":{\"n\":6},\"offset\":6}],\"offset\":9,\"epoch\":\"e-1\"}";
        HistoryPage page = api.history("news:1", 20, new StreamPosition(5, "e-1"));
        assertThat(asked).containsExactly("GET /api/v1/channels/news%3A1/history?limit=20&since=5&epoch=e-1");
        assertThat(page.latest()).isEqualTo(new StreamPosition(9, "e-1"));
        assertThat(page.publications()).containsExactly(
                new Message("news:1", "g6", null, 1, Json.parse("{\"n\":6}"), 6));
        api.history("news:1", 0, null);
        assertThat(asked.get(1)).as("no limit: the namespace's historySize").isEqualTo("GET /api/v1/channels/news%3A1/history");
    }

    @Test
    void presenceReadsClientsAndUsers() {
        answer = "{\"clients\":[{\"sid\":\"s1\",\"userId\":\"u1\"},{\"sid\":\"s2\",\"userId\":\"u1\",\"name\":\"Ann\"}],\"users\":1}";
        Presence p = api.presence("room:1");
        assertThat(asked).containsExactly("GET /api/v1/channels/room%3A1/presence");
        assertThat(p).isEqualTo(new Presence(List.of(new Presence.Client("s1", "u1", null),
                new Presence.Client("s2", "u1", "Ann")), 1));
    }

    @Test
    void aPublishOnAHistoryChannelAnswersItsOffset() {
        answer = "{\"guid\":\"g\",\"delivered\":2,\"offset\":42}";
        assertThat(api.publish("news:1", Map.of("a", 1), "g").offset()).isEqualTo(42L);
        answer = "{\"guid\":\"g2\",\"delivered\":2}";
        assertThat(api.publish("chat", Map.of("a", 1), "g2").offset()).isNull();
    }
}
