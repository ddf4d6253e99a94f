package io.qrpush.server.it;

import static io.qrpush.server.it.TestServer.APP_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.qrpush.server.PushServer;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * docs/protocol.md section 2, "Draining": a node drained with {@code server.drainWindow} answers
 * {@code /healthz} and new upgrades with 503 at once, and tells its clients to go spread over the
 * window, each with a {@code delay}; with a zero window it tells them all at once, as before 1.1.
 */
class DrainWindowIT {
    private static final int CLIENTS = 10;
    private final ExecutorService waiters = Executors.newFixedThreadPool(CLIENTS);
    private final List<WsClient> clients = new ArrayList<>();
    private TestServer server;

    @AfterEach
    void stop() {
        clients.forEach(WsClient::close);
        if (server != null) {
            server.close();
        }
        waiters.shutdownNow();
    }

    /** One node whatever the run (the cluster run's peer would take the refused upgrades). */
    private void start(Duration window) throws Exception {
        server = TestServer.of(new PushServer(TestServer.config().withServer(
                TestServer.config().server().withDrainWindow(window))));
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(server.anonymous(APP_A));
        }
    }

    /** A disconnect frame and when it came, in ms after {@code t0}. */
    private record Told(JsonNode frame, long atMillis) {
    }

    private List<CompletableFuture<Told>> awaitDisconnects(long t0) {
        List<CompletableFuture<Told>> told = new ArrayList<>();
        for (WsClient c : clients) {
            told.add(CompletableFuture.supplyAsync(() -> {
                try {
                    JsonNode d = c.next("disconnect");
                    return new Told(d, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, waiters));
        }
        return told;
    }

    private static List<Told> sortedByTime(List<CompletableFuture<Told>> told) {
        return told.stream().map(CompletableFuture::join).sorted((a, b) -> Long.compare(a.atMillis, b.atMillis))
                .toList();
    }

    @Test
    void disconnectsAreSpreadOverTheWindowWhileHealthAndUpgradesAnswer503() throws Exception {
        start(Duration.ofSeconds(2));
        long t0 = System.nanoTime();
        List<CompletableFuture<Told>> told = awaitDisconnects(t0);
        CompletableFuture<Long> allTold = server.server().drain().thenApply(x -> System.nanoTime());

        var health = server.api("GET", "/healthz", null, null);
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(health.body()).contains("draining");
        ExecutionException refused = catchThrowableOfType(ExecutionException.class, () -> server.anonymous(APP_A).close());
        assertThat(refused).as("an upgrade while draining is refused").isNotNull();
        assertThat(refused.getCause()).isInstanceOf(WebSocketHandshakeException.class);
        assertThat(((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode()).isEqualTo(503);

        List<Told> times = sortedByTime(told);
        long toldAllMillis = TimeUnit.NANOSECONDS.toMillis(allTold.get(5, TimeUnit.SECONDS) - t0);
        // The plan ends at the window: the first batch at or after it tells the rest (batches every 100 ms).
        assertThat(toldAllMillis).as("every client told, ms after the drain began").isBetween(1800L, 2600L);
        for (int i = 0; i < CLIENTS; i++) {
            Told t = times.get(i);
            // Client i of 10 is due i * 200 ms in; the node never tells one early.
            assertThat(t.atMillis).as("client %d told at %d ms", i, t.atMillis).isGreaterThanOrEqualTo(i * 200L - 20);
            assertThat(t.frame.path("code").asInt()).isEqualTo(1001);
            assertThat(t.frame.path("reconnect").asBoolean()).isTrue();
            assertThat(t.frame.path("delay").toString()).isEqualTo("[0,1000]");
        }
        assertThat(times.get(0).atMillis).as("the first goes at once").isLessThan(1500);
        for (WsClient c : clients) {
            assertThat(c.awaitClose()).isEqualTo(1001);
        }
    }

    @Test
    void aZeroWindowTellsEveryoneAtOnceWithoutADelay() throws Exception {
        start(Duration.ZERO);
        long t0 = System.nanoTime();
        List<CompletableFuture<Told>> told = awaitDisconnects(t0);
        server.server().drain().get(5, TimeUnit.SECONDS);
        List<Told> times = sortedByTime(told);
        assertThat(times.get(CLIENTS - 1).atMillis - times.get(0).atMillis).as("from the first told to the last")
                .isLessThan(1500);
        for (Told t : times) {
            assertThat(t.frame.path("code").asInt()).isEqualTo(1001);
            assertThat(t.frame.has("delay")).isFalse();
        }
    }
}
