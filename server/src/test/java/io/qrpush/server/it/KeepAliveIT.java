package io.qrpush.server.it;

import static io.qrpush.server.it.TestServer.APP_A;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * docs/protocol.md section 2: the server pings every {@code pingInterval}, closes a connection silent for
 * {@code idleTimeout}, and answers the browser's {@code {"op":"ping"}} with a pong.
 *
 * <p>Observed on an idle connection: WebSocket pings, then {@code {"op":"disconnect","code":1000,
 * "reason":"idle timeout: nothing received","reconnect":true}}, then a close frame with 1000.
 */
class KeepAliveIT {
    private static final Duration PING = Duration.ofMillis(150);
    private static final Duration IDLE = Duration.ofMillis(1200);
    private static final ObjectMapper JSON = new ObjectMapper();
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(c -> c.withLimits(c.limits().withTimers(Duration.ofSeconds(10), PING, IDLE)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void applicationPingIsAnsweredWithPongBeforeAndAfterAuthorize() throws Exception {
        try (WsClient c = server.connect()) {
            c.send("{\"op\":\"ping\"}");
            assertThat(c.next("pong").size()).as("just the op").isEqualTo(1);
            JsonNode r = c.requestOk("{\"op\":\"authorize\",\"id\":1,\"appkey\":\"" + APP_A + "\"}");
            assertThat(r.path("pingInterval").asLong()).isEqualTo(PING.toMillis());
            c.send("{\"op\":\"ping\",\"id\":77}");
            c.next("pong");
            assertThat(c.drain()).as("a ping gets no reply, only the pong").isEmpty();
        }
    }

    @Test
    void aSilentConnectionIsPingedThenToldAndClosedAfterIdleTimeout() throws Exception {
        try (RawWs raw = RawWs.open(server.port(), 0)) {
            raw.sendText("{\"op\":\"authorize\",\"id\":1,\"appkey\":\"" + APP_A + "\"}");
            long lastSent = System.nanoTime();
            List<RawWs.Frame> frames = new ArrayList<>();
            RawWs.Frame f;
            while ((f = raw.read(Duration.ofSeconds(5))) != null) {
                frames.add(f);
                if (f.opcode() == RawWs.CLOSE) {
                    break;
                }
            }
            Duration silent = Duration.ofNanos(System.nanoTime() - lastSent);
            List<Integer> opcodes = frames.stream().map(RawWs.Frame::opcode).toList();
            assertThat(opcodes.stream().filter(o -> o == RawWs.PING).count()).as("pings in %s", opcodes)
                    .isGreaterThanOrEqualTo(2);
            assertThat(opcodes.get(opcodes.size() - 1)).isEqualTo(RawWs.CLOSE);
            RawWs.Frame close = frames.get(frames.size() - 1);
            assertThat(close.closeCode()).isEqualTo(1000);
            JsonNode disconnect = JSON.readTree(frames.get(frames.size() - 2).text());
            assertThat(disconnect.path("op").asText()).isEqualTo("disconnect");
            assertThat(disconnect.path("code").asInt()).isEqualTo(1000);
            assertThat(disconnect.path("reconnect").asBoolean()).isTrue();
            assertThat(disconnect.path("reason").asText()).contains("idle");
            assertThat(silent).isGreaterThanOrEqualTo(IDLE).isLessThan(IDLE.plusSeconds(5));
            assertThat(raw.read(Duration.ofSeconds(5))).as("then the TCP connection ends").isNull();
        }
    }

    /**
     * Three ways to stay connected, side by side for twice the idle timeout: answering the server's
     * pings (the JDK client does), sending app-level pings (browsers), sending WebSocket pings
     * (native clients).
     */
    @Test
    void clientsThatAnswerOrPingOutliveTheIdleTimeout() throws Exception {
        try (WsClient answering = server.anonymous(APP_A); RawWs appPinger = authorized(); RawWs wsPinger = authorized()) {
            CompletableFuture<Integer> app = CompletableFuture.supplyAsync(() -> keepAlive(appPinger, true));
            CompletableFuture<Integer> ws = CompletableFuture.supplyAsync(() -> keepAlive(wsPinger, false));
            assertThat(app.get(10, TimeUnit.SECONDS)).as("pongs to app pings").isGreaterThan(5);
            assertThat(ws.get(10, TimeUnit.SECONDS)).as("pongs to WebSocket pings").isGreaterThan(5);
            assertThat(answering.isClosed()).isFalse();
            answering.send("{\"op\":\"ping\"}");
            answering.next("pong");
        }
    }

    private RawWs authorized() throws Exception {
        RawWs raw = RawWs.open(server.port(), 0);
        raw.sendText("{\"op\":\"authorize\",\"id\":1,\"appkey\":\"" + APP_A + "\"}");
        assertThat(raw.nextText(Duration.ofSeconds(5))).contains("\"code\":200");
        return raw;
    }

    /**
     * For twice the idle timeout, answers each server ping with an app-level ping or with a
     * WebSocket ping of its own, never a pong; the server's pings pace it. Returns the pongs seen.
     */
    private static int keepAlive(RawWs raw, boolean appLevel) {
        long end = System.nanoTime() + IDLE.multipliedBy(2).toNanos();
        int pongs = 0;
        try {
            while (System.nanoTime() < end) {
                RawWs.Frame f = raw.read(Duration.ofSeconds(2));
                assertThat(f).as("the connection must stay open").isNotNull();
                assertThat(f.opcode()).as(f.text()).isNotEqualTo(RawWs.CLOSE);
                if (f.opcode() == RawWs.PING) {
                    if (appLevel) {
                        raw.sendText("{\"op\":\"ping\"}");
                    } else {
                        raw.sendFrame(RawWs.PING, true, new byte[] {1});
                    }
                } else if (appLevel ? f.opcode() == RawWs.TEXT && f.text().contains("pong") : f.opcode() == RawWs.PONG) {
                    pongs++;
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return pongs;
    }
}
