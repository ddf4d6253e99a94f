package io.qrpush.server.it;

import static io.qrpush.server.it.TestServer.APP_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * docs/protocol.md section 3, 1001: {@code PushServer.close()} tells every client to reconnect elsewhere
 * before it stops. (The same through SIGTERM on the runnable jar is {@link RunnableJarIT}.)
 */
class DrainIT extends DefaultServerIT {
    @Test
    void closeSendsEveryClientDisconnect1001WithReconnectThenCloses1001() throws Exception {
        try (WsClient anon = server.anonymous(APP_A); WsClient user = server.user(APP_A, "u1", "news");
             WsClient notYetAuthorized = server.connect(); FrameClient streamed = server.anonymous(Wire.STREAM, APP_A)) {
            anon.subscribe("news", null);
            notYetAuthorized.send("{\"op\":\"ping\"}");
            notYetAuthorized.next("pong");
            long t0 = System.nanoTime();
            server.close();
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            for (FrameClient c : new FrameClient[] {anon, user, notYetAuthorized, streamed}) {
                JsonNode d = c.next("disconnect");
                assertThat(d.path("code").asInt()).isEqualTo(1001);
                assertThat(d.path("reconnect").asBoolean()).isTrue();
                assertThat(d.path("reason").asText()).isNotBlank();
                assertThat(c.awaitClose()).isEqualTo(1001);
            }
            assertThat(took).as("clients that take their disconnect do not hold the drain").isLessThan(
                    Duration.ofMillis(2500));
            Throwable refused = catchThrowable(() -> server.connect().close());
            assertThat(refused).as("a closed server accepts no one").isNotNull();
        }
    }

    @Test
    void closeWithoutClientsIsQuick() {
        long t0 = System.nanoTime();
        server.close();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(2500));
    }
}
