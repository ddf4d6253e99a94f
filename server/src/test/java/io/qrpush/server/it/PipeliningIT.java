package io.qrpush.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qrpush.server.PushServer;
import io.qrpush.server.http.HttpAnswer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Several requests in one write are answered in request order (RFC 9112 9.3.2), though their
 * routes finish in the opposite order; a request refused before routing keeps its place too.
 */
@Tag(TestServer.SINGLE_NODE)
class PipeliningIT {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private TestServer server;
    private RawHttp socket;

    @BeforeEach
    void start() throws Exception {
        PushServer push = new PushServer(TestServer.config());
        // /test/after/<ms>: answers its own name after that many milliseconds.
        push.router().add("GET", "/test/after/*", call -> {
            long ms = Long.parseLong(call.path().substring("/test/after/".length()));
            return CompletableFuture.supplyAsync(() -> HttpAnswer.text(200, "text/plain", call.path()),
                    CompletableFuture.delayedExecutor(ms, TimeUnit.MILLISECONDS));
        });
        server = TestServer.of(push);
        socket = RawHttp.connect(server.port());
    }

    @AfterEach
    void stop() {
        socket.close();
        server.close();
    }

    @Test
    void answersLeaveInRequestOrderThoughRoutesFinishInReverse() throws Exception {
        List<String> paths = List.of("/test/after/600", "/test/after/400", "/healthz", "/test/after/200", "/test/after/0");
        StringBuilder all = new StringBuilder();
        paths.forEach(p -> all.append(RawHttp.get(p, "")));
        socket.send(all.toString());
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            RawHttp.Response r = socket.read(WAIT);
            assertThat(r.status()).isEqualTo(200);
            bodies.add(r.body());
        }
        assertThat(bodies.get(0)).isEqualTo("/test/after/600");
        assertThat(bodies.get(1)).isEqualTo("/test/after/400");
        assertThat(bodies.get(2)).contains("\"status\":\"ok\"");
        assertThat(bodies.subList(3, 5)).containsExactly("/test/after/200", "/test/after/0");
    }

    @Test
    void aRefusalWaitsForTheAnswersBeforeIt() throws Exception {
        socket.send(RawHttp.get("/test/after/500", "")
                + "POST /api/login/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000000\r\n\r\n");
        RawHttp.Response first = socket.read(WAIT);
        assertThat(first.body()).isEqualTo("/test/after/500");
        RawHttp.Response refused = socket.read(WAIT);
        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.body()).contains("\"error\":\"too_large\"");
        assertThat(socket.closedWithin(WAIT)).isTrue();
    }

    @Test
    void aRequestAskingToCloseEndsTheConnectionAfterItsAnswer() throws Exception {
        socket.send(RawHttp.get("/test/after/300", "Connection: close\r\n") + RawHttp.get("/healthz", ""));
        RawHttp.Response r = socket.read(WAIT);
        assertThat(r.body()).isEqualTo("/test/after/300");
        assertThat(r.header("connection")).isEqualTo("close");
        assertThatThrownBy(() -> socket.read(WAIT)).as("the request after it is not answered")
                .isInstanceOf(java.io.IOException.class);
    }
}
