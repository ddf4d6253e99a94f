package io.qrpush.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Connection admission (limits.maxConnections, limits.maxConnectionsPerIp): a flood of idle
 * sockets cannot lock out a health check or a login, and what is refused is refused at once and
 * counted. Before, 20,400 idle sockets from one address pinned a node at its open-file limit and
 * /healthz timed out for the whole hold.
 */
@Tag(TestServer.SINGLE_NODE)
class ConnectionFloodIT extends HostileClientIT {
    private static final int MAX = 40;
    private static final Duration WAIT = Duration.ofSeconds(5);
    /** Long enough that no socket of the test is cut by a timer: only admission acts. */
    private static final Duration HOLD = Duration.ofSeconds(60);

    private void start(int max, int perIp) throws Exception {
        // Login admission by event-loop lag off: on a shared test machine it would refuse the login for other reasons.
        server = TestServer.start(c -> LimitsBuilder.limits(l -> l.http = l.http.withTimeouts(HOLD, HOLD, HOLD)
                .withConnections(max, perIp)).apply(c.withLogin(c.login().withMaxLoopLag(Duration.ZERO))));
    }

    private RawHttp open(String from) throws Exception {
        return sockets.connect(server.port(), from);
    }

    @Test
    void aFloodOfIdleSocketsMakesRoomForHealthChecksAndLogins() throws Exception {
        start(MAX, 0);
        for (int i = 0; i < 3 * MAX; i++) {
            open("127.0.0.1");
        }
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> assertThat(
                cut("evicted")).as("the oldest idle sockets closed for newer ones").isGreaterThanOrEqualTo(2 * MAX - 1));
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            RawHttp health = open(HealthProbe.OTHER_ADDRESS).send(RawHttp.get("/healthz", ""));
            assertThat(health.read(WAIT).status()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        }
        assertThat(new LoginFixture(server).post(TestServer.APP_A).statusCode()).isEqualTo(201);
        assertThat(Prometheus.scrape(server).value("qrpush_open_connections")).isLessThanOrEqualTo(MAX + 1);
    }

    @Test
    void atTheLimitWithEveryConnectionInUseANewcomerIsClosedAtOnce() throws Exception {
        start(MAX, 0);
        Prometheus.scrape(server); // the test's HTTP client now keeps one connection, in use, for later scrapes
        for (int i = 0; i < MAX - 1; i++) {
            assertThat(open("127.0.0.1").send(RawHttp.get("/healthz", "")).read(WAIT).status()).isEqualTo(200);
        }
        RawHttp refused = open("127.0.0.1");
        long start = System.nanoTime();
        assertThat(refused.closedWithin(WAIT)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(cut("max_connections")).isEqualTo(1));
        sockets.first().close();
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(
                open("127.0.0.1").send(RawHttp.get("/healthz", "")).read(WAIT).status())
                .as("room again once one closes").isEqualTo(200));
    }

    @Test
    void oneAddressIsHeldToItsShareWhileOthersGetIn() throws Exception {
        int perIp = 10;
        start(MAX, perIp);
        List<RawHttp> flood = new ArrayList<>();
        for (int i = 0; i < 3 * perIp; i++) {
            flood.add(open("127.0.0.3"));
        }
        long closedAtOnce = flood.stream().filter(s -> closedWithin(s, Duration.ofMillis(500))).count();
        assertThat(closedAtOnce).isEqualTo(2 * perIp);
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(cut("max_connections_per_ip"))
                .isEqualTo(2 * perIp));
        assertThat(open(HealthProbe.OTHER_ADDRESS).send(RawHttp.get("/healthz", "")).read(WAIT).status())
                .isEqualTo(200);
    }

    private static boolean closedWithin(RawHttp s, Duration d) {
        try {
            return s.closedWithin(d);
        } catch (java.io.IOException e) {
            return true;
        }
    }
}
