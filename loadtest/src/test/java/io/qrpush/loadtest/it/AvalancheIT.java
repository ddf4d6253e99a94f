package io.qrpush.loadtest.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrpush.loadtest.avalanche.AvalancheScenario;
import io.qrpush.loadtest.avalanche.AvalancheSummary;
import io.qrpush.loadtest.jitter.JitterScenario;
import io.qrpush.loadtest.jitter.JitterSummary;
import io.qrpush.loadtest.net.Endpoint;
import io.qrpush.loadtest.report.ReportFiles;
import io.qrpush.loadtest.report.RunReport;
import io.qrpush.loadtest.run.RunOptions;
import io.qrpush.loadtest.run.Runner;
import io.qrpush.loadtest.scenario.RunSettings;
import io.qrpush.loadtest.scenario.Slice;
import io.qrpush.server.cluster.RedisProcess;
import io.qrpush.server.config.BrokerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code avalanche} scenario on two real nodes in this JVM sharing a real redis-server: 200
 * clients on node A, A drained over 2 s, every client back on B with nothing lost, and the
 * returns spread rather than all in one second. Between A and B in the clients' list sits a node
 * that is draining for good: the clients follow a balancer's health checks, so none of them ever
 * tries it (nor A once it answers 503). (The peak and the time until everyone is back are for the
 * benchmark: this machine runs the clients, both nodes and Redis at once.)
 */
@Tag("integration")
class AvalancheIT {
    private static final Duration WINDOW = Duration.ofSeconds(2);
    private static final int CLIENTS = 200;

    @TempDir
    Path reports;

    @Test
    void aDrainedNodesClientsAllComeBackToTheOtherSpreadOverTheWindowWithNothingLost() throws Exception {
        try (RedisProcess redis = RedisProcess.start();
             InProcessServer a = new InProcessServer(c -> c.withBroker(new BrokerSettings("redis", redis.uri()))
                     .withServer(c.server().withDrainWindow(WINDOW)));
             DrainingStandIn gone = new DrainingStandIn();
             InProcessServer b = new InProcessServer(c -> c.withBroker(new BrokerSettings("redis", redis.uri())))) {
            JitterScenario.Settings load = new JitterScenario.Settings(20, CLIENTS / 20, 2, 64, Duration.ofDays(1),
                    Duration.ofMillis(200), Duration.ofMillis(500),
                    List.of(Endpoint.of(a.url()), Endpoint.of(gone.url()), Endpoint.of(b.url())));
            AvalancheScenario scenario = new AvalancheScenario(new AvalancheScenario.Settings(load,
                    Duration.ofMillis(500), a::close, Endpoint.of(b.url())));
            RunSettings settings = new RunSettings(InProcessServer.APPKEY, InProcessServer.SECRET,
                    InProcessServer.API_KEY, Duration.ofSeconds(4), Duration.ofSeconds(1), true, Duration.ofSeconds(15),
                    100, "av" + System.nanoTime() % 100_000, Slice.WHOLE);
            RunOptions options = new RunOptions(Endpoint.of(b.url()), settings, List.of(), 2, null, reports, 1, null, 16,
                    Duration.ZERO);
            RunReport r = new Runner(scenario, options, ReportFiles.mapper(), System.err).run();

            // A reconnect that fails is retried (with backoff, on the next node in rotation) and counted:
            // on a busy machine B may answer a few subscribes `unavailable`, or miss two health checks' 5 s
            // (then no node is in rotation for a moment). What must never be counted: a drain's close as
            // an error, a connect refused by a node out of rotation, or a reply or connection lost mid-run.
            assertThat(r.errors().keySet()).as("errors").allMatch(k -> k.equals("error:unavailable")
                    || k.equals("connect:no_node_in_rotation"));
            assertThat(gone.healthChecks()).as("health checks of the node out of rotation").isPositive();
            assertThat(gone.otherRequests()).as("connects to the node out of rotation").isZero();
            AvalancheSummary av = r.avalanche();
            assertThat(av.disconnected()).isEqualTo(CLIENTS);
            assertThat(av.neverBack()).as("clients that never came back").isZero();
            assertThat(av.lastDisconnectMillis() - av.firstDisconnectMillis()).as("the drain's spread")
                    .isGreaterThanOrEqualTo(WINDOW.toMillis() * (CLIENTS - 1) / CLIENTS - 150);
            assertThat(av.peakPerSecond()).as("peak returns in one second").isLessThan(CLIENTS);
            assertThat(av.everyoneBackMillis()).isPositive();
            JitterSummary j = r.jitter();
            assertThat(j.reconnects()).isEqualTo(CLIENTS);
            assertThat(j.recoveriesRefused()).isZero();
            assertThat(j.gaps()).as("offsets never seen").isZero();
            assertThat(j.duplicates()).isZero();
            assertThat(r.accounting().lost()).as("messages lost").isZero();
            for (Path p : ReportFiles.write(r.withoutLedger(), reports)) {
                assertThat(p).exists();
            }
            try (Stream<Path> files = Files.list(reports)) {
                Path html = files.filter(p -> p.toString().endsWith(".html")).findFirst().orElseThrow();
                assertThat(Files.readString(html)).contains("Avalanche: one node drained", "reconnected");
            }
        }
    }
}
