package io.qrpush.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qrpush.server.config.HttpLimits;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every phase of HTTP has a deadline (docs/security.md): slow sockets of every kind are cut within
 * their timeout and counted in {@code qrpush_connections_cut_total}; a slow but steady body at the
 * minimum rate is not.
 */
@Tag(TestServer.SINGLE_NODE)
class HttpTimeoutsIT extends HostileClientIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    /** Room for a loaded machine: the cut must come after the timeout and well before this. */
    private static final Duration SLACK = Duration.ofSeconds(3);
    private static final int MIN_RATE = 100;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(LimitsBuilder.limits(l -> l.http = new HttpLimits(
                TIMEOUT, TIMEOUT, MIN_RATE, TIMEOUT, 16384, 16 << 20, 0, 1000)));
    }

    @Test
    void aSocketThatSendsNothingIsCutByTheHeadTimeout() throws Exception {
        RawHttp silent = open();
        long start = System.nanoTime();
        assertThat(silent.closedWithin(TIMEOUT.plus(SLACK))).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(TIMEOUT.minusMillis(100));
        awaitCut("head_timeout", 1);
    }

    @Test
    void aHalfSentHeadIsAnswered408AndClosed() throws Exception {
        RawHttp slow = open().send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
        RawHttp.Response r = slow.read(TIMEOUT.plus(SLACK));
        assertThat(r.status()).isEqualTo(408);
        assertThat(r.body()).contains("httpHeadTimeout");
        assertThat(slow.closedWithin(SLACK)).isTrue();
        awaitCut("head_timeout", 1);
    }

    @Test
    void aHalfSentUpgradeRequestIsCut() throws Exception {
        RawHttp slow = open().send("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n");
        assertThat(slow.read(TIMEOUT.plus(SLACK)).status()).isEqualTo(408);
        assertThat(slow.closedWithin(SLACK)).isTrue();
    }

    @Test
    void aHalfSentBodyIsCutByTheBodyTimeout() throws Exception {
        RawHttp slow = open().send("POST /api/login/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: 50\r\n\r\n{\"appkey\":");
        long start = System.nanoTime();
        RawHttp.Response r = slow.read(TIMEOUT.plus(SLACK));
        assertThat(r.status()).isEqualTo(408);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(TIMEOUT.minusMillis(100));
        assertThat(slow.closedWithin(SLACK)).isTrue();
        awaitCut("body_timeout", 1);
    }

    /** 300 bytes at the minimum rate of 100 a second are given 3 s, though the body timeout is 1 s. */
    @Test
    void aSlowButSteadyBodyAtTheMinimumRateIsServed() throws Exception {
        String json = "{\"appkey\":\"" + TestServer.APP_A + "\"}";
        String body = json + " ".repeat(300 - json.length());
        RawHttp steady = open().send("POST /api/login/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: 300\r\n\r\n" + body.substring(0, 150));
        // The client's own pace: half the body now, the rest after more than the body timeout.
        LockSupport.parkNanos(TIMEOUT.plusMillis(300).toNanos());
        steady.send(body.substring(150));
        assertThat(steady.read(SLACK).status()).isEqualTo(201);
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAfterTheIdleTimeoutAndNotBefore() throws Exception {
        RawHttp keepAlive = open().send(RawHttp.get("/healthz", ""));
        assertThat(keepAlive.read(SLACK).status()).isEqualTo(200);
        long answered = System.nanoTime();
        keepAlive.send(RawHttp.get("/healthz", ""));
        assertThat(keepAlive.read(SLACK).status()).as("a second request on the same connection").isEqualTo(200);
        assertThat(keepAlive.closedWithin(TIMEOUT.plus(SLACK))).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - answered)).isGreaterThanOrEqualTo(TIMEOUT.minusMillis(100));
        awaitCut("idle_timeout", 1);
    }

    /** The head timeout starts at the first byte after an idle spell, however long the idle timeout. */
    @Test
    void aHalfSentHeadOnAKeepAliveConnectionIsCutByTheHeadTimeoutNotTheIdleOne() throws Exception {
        Duration idle = Duration.ofSeconds(8);
        server.close();
        server = TestServer.start(LimitsBuilder.limits(l -> l.http = new HttpLimits(
                TIMEOUT, TIMEOUT, MIN_RATE, idle, 16384, 16 << 20, 0, 1000)));
        RawHttp keepAlive = open().send(RawHttp.get("/healthz", ""));
        assertThat(keepAlive.read(SLACK).status()).isEqualTo(200);
        // The client's own pace: idle past the head timeout, so the node's timer now waits for the idle deadline.
        LockSupport.parkNanos(TIMEOUT.multipliedBy(2).toNanos());
        long start = System.nanoTime();
        keepAlive.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        assertThat(keepAlive.read(idle).status()).isEqualTo(408);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.plus(SLACK));
    }

    private void awaitCut(String reason, double atLeast) {
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(cut(reason)).isGreaterThanOrEqualTo(atLeast));
    }
}
