package io.qrpush.server.it;

import static io.qrpush.server.it.TestServer.APP_A;
import static io.qrpush.server.it.TestServer.ORIGIN_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qrpush.server.PushServer;
import io.qrpush.server.config.LoginSettings;
import io.qrpush.server.config.QrpushConfig;
import io.qrpush.server.http.HttpAnswer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Admission control (login.maxLoopLag): a node whose event loop is behind refuses new login
 * sessions with 503 {@code unavailable} and {@code Retry-After}, and admits them all again once
 * it has caught up. The test makes the node's only event loop fall behind with a route of its own
 * that holds the loop, as a backlog of work would.
 */
@Tag(TestServer.SINGLE_NODE)
class AdmissionIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration STALL = Duration.ofSeconds(3);

    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aNodeBehindRefusesNewSessionsUntilItCatchesUp() throws Exception {
        // The default login.maxLoopLag (100 ms), which the tests' default configuration turns off:
        // a loop held for whole windows is far over it.
        QrpushConfig config = TestServer.config();
        config = config.withLogin(config.login().withMaxLoopLag(LoginSettings.DEFAULT_MAX_LOOP_LAG));
        // One event loop, so the one the test holds is the one every request waits for.
        config = config.withServer(config.server().withIoThreads(1));
        PushServer push = new PushServer(config);
        CountDownLatch stalling = new CountDownLatch(1);
        push.router().add("POST", "/test/stall", call -> {
            stalling.countDown();
            hold(STALL);
            return CompletableFuture.completedFuture(HttpAnswer.json(200, JSON.createObjectNode()));
        });
        server = TestServer.of(push);
        LoginFixture login = new LoginFixture(server);
        assertThat(login.post(APP_A).statusCode()).as("a node that is not behind admits").isEqualTo(201);

        CompletableFuture<HttpResponse<String>> stall = CompletableFuture.supplyAsync(() -> call(() ->
                login.http("POST", "/test/stall", "{}")));
        assertThat(stalling.await(10, TimeUnit.SECONDS)).isTrue();
        // Sent while the loop is held: they are read once it is free, by then windows late.
        List<CompletableFuture<HttpResponse<String>>> during = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            during.add(CompletableFuture.supplyAsync(() -> call(() -> login.post(APP_A))));
        }
        assertThat(stall.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        List<HttpResponse<String>> refused = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> f : during) {
            HttpResponse<String> r = f.get(20, TimeUnit.SECONDS);
            assertThat(r.statusCode()).as(r.body()).isIn(201, 503);
            if (r.statusCode() == 503) {
                refused.add(r);
            }
        }
        assertThat(refused).as("after a loop held for %s almost no session is admitted", STALL).isNotEmpty();
        HttpResponse<String> r = refused.get(0);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("error").asText()).isEqualTo("unavailable");
        assertThat(body.path("message").asText()).contains("Retry-After");
        assertThat(Long.parseLong(r.headers().firstValue("Retry-After").orElse("0"))).isBetween(1L, 10L);
        // The page can read the refusal and when to come back.
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN_A);
        assertThat(r.headers().firstValue("Access-Control-Expose-Headers").orElse("")).contains("Retry-After");
        Prometheus metrics = Prometheus.scrape(server);
        assertThat(metrics.value("qrpush_login_admission_refused_total")).isEqualTo(refused.size());
        assertThat(metrics.value("qrpush_errors_total", "error=unavailable")).isEqualTo(refused.size());

        // Caught up: the admitted share climbs back to all within a few windows.
        await().atMost(Duration.ofSeconds(15))
                .until(() -> Prometheus.scrape(server).value("qrpush_login_admit_share") == 1);
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> again = login.post(APP_A);
            assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
        }
    }

    private interface Call<T> {
        T run() throws Exception;
    }

    private static <T> T call(Call<T> c) {
        try {
            return c.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void hold(Duration d) {
        long end = System.nanoTime() + d.toNanos();
        while (System.nanoTime() < end) {
            LockSupport.parkNanos(end - System.nanoTime());
        }
    }
}
