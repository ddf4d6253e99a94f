package io.qrpush.loadtest.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qrpush.loadtest.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every scenario briefly, through the command line as an operator would, against a real
 * server started in this JVM, and checks the JSON report: everything delivered, nothing lost or
 * refused, no errors, latencies recorded.
 */
@Tag("integration")
class ScenariosIT {
    private static InProcessServer server;
    private final ObjectMapper mapper = new ObjectMapper();

    @TempDir
    Path reports;

    @BeforeAll
    static void start() throws Exception {
        server = new InProcessServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private JsonNode run(String scenario, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of(scenario, "--url", server.url(), "--appkey", InProcessServer.APPKEY,
                "--secret", InProcessServer.SECRET, "--api-key", InProcessServer.API_KEY, "--warmup", "1s",
                "--grace", "5s", "--report-dir", reports.toString()));
        if (!List.of(options).contains("--duration")) {
            args.addAll(List.of("--duration", "2s"));
        }
        args.addAll(List.of(options));
        int status = Main.run(args.toArray(String[]::new));
        Path json;
        try (Stream<Path> files = Files.list(reports)) {
            json = files.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
        }
        JsonNode report = mapper.readTree(json.toFile());
        assertThat(report.path("errors").size()).as("errors: %s", report.path("errors")).isZero();
        assertThat(status).as("exit status").isZero();
        return report;
    }

    private static void allDelivered(JsonNode r, long expectedAtLeast) {
        JsonNode a = r.path("accounting");
        assertThat(a.path("published").asLong()).isGreaterThanOrEqualTo(expectedAtLeast);
        assertThat(a.path("delivered").asLong()).isEqualTo(a.path("published").asLong());
        assertThat(a.path("lost").asLong()).isZero();
        assertThat(a.path("refused").asLong()).isZero();
        assertThat(a.path("duplicates").asLong()).isZero();
        assertThat(a.path("lostDeliveries").asLong()).isZero();
    }

    private static void recorded(JsonNode r, String latency) {
        JsonNode l = r.path("latencies").path(latency);
        assertThat(l.path("count").asLong()).as(latency).isPositive();
        assertThat(l.path("p50").asLong()).as(latency).isPositive().isLessThanOrEqualTo(l.path("p99").asLong());
        assertThat(l.path("max").asLong()).as(latency).isLessThan(10_000_000);
    }

    @Test
    void pubsub() throws Exception {
        JsonNode r = run("pubsub", "--channels", "20", "--subscribers", "2", "--rate", "10");
        // 20 channels at 10/s for 3 s, the rate ramped up over the first half of the 1 s warm-up
        // (so a quarter second of full rate is missing): 20 * 10 * 2.75 = 550 publishes, give or
        // take the last tick.
        allDelivered(r, 530);
        assertThat(r.path("accounting").path("published").asLong()).isLessThanOrEqualTo(570);
        assertThat(r.path("accounting").path("expectedDeliveries").asLong())
                .isEqualTo(2 * r.path("accounting").path("published").asLong());
        recorded(r, "delivery");
        recorded(r, "publish_reply");
        assertThat(r.path("latencies").path("connect").path("count").asLong()).isEqualTo(60);
        assertThat(r.path("timeline").size()).isGreaterThanOrEqualTo(3);
    }

    /** docs/protocol.md section 8: the same books over HTTP streaming, every uplink posted in order. */
    @Test
    void pubsubOverHttpStreaming() throws Exception {
        JsonNode r = run("pubsub", "--transport", "stream", "--channels", "5", "--subscribers", "2", "--rate", "10");
        // 5 channels at 10/s for about 2.75 s at full rate, as above.
        allDelivered(r, 130);
        recorded(r, "delivery");
        recorded(r, "publish_reply");
        assertThat(r.path("latencies").path("connect").path("count").asLong()).isEqualTo(15);
    }

    @Test
    void loginOverHttpStreaming() throws Exception {
        JsonNode r = run("login", "--transport", "stream", "--rate", "10");
        assertThat(r.path("counters").path("flows_ok").asLong()).isGreaterThanOrEqualTo(25)
                .isEqualTo(r.path("counters").path("flows_started").asLong());
        recorded(r, "flow");
    }

    @Test
    void fanout() throws Exception {
        JsonNode r = run("fanout", "--subscribers", "300", "--every", "100");
        allDelivered(r, 25);
        recorded(r, "delivery");
        recorded(r, "last_delivery");
        // Both cover the same (post-warm-up) messages, and a message's last delivery is its slowest.
        assertThat(r.path("latencies").path("last_delivery").path("p50").asDouble())
                .isGreaterThanOrEqualTo(0.99 * r.path("latencies").path("delivery").path("p50").asDouble());
        assertThat(r.path("latencies").path("last_delivery").path("max").asDouble())
                .isGreaterThanOrEqualTo(0.99 * r.path("latencies").path("delivery").path("max").asDouble());
    }

    @Test
    void idleMeasuresTheServersMemoryAfterAForcedGc() throws Exception {
        JsonNode r = run("idle", "--connections", "300", "--server-pid", Long.toString(ProcessHandle.current().pid()));
        recorded(r, "connect");
        JsonNode m = r.path("server");
        assertThat(m.path("connections").asDouble()).isEqualTo(300);
        assertThat(m.path("snapshots").size()).isEqualTo(3);
        assertThat(m.path("snapshots").get(0).path("gcForced").asBoolean()).isTrue();
        assertThat(m.path("heapPerConnection").isNumber()).isTrue();
        assertThat(m.path("connectionsLeftAfter").asDouble()).isZero();
    }

    @Test
    void churnLeavesNoConnectionBehind() throws Exception {
        JsonNode r = run("churn", "--channels", "10", "--rate", "5", "--connect-rate", "50", "--hold", "200");
        allDelivered(r, 100);
        recorded(r, "churn_connect");
        assertThat(r.path("counters").path("churn_closed").asLong())
                .isEqualTo(r.path("counters").path("churn_started").asLong()).isGreaterThanOrEqualTo(100);
        assertThat(r.path("server").path("connectionsLeftAfter").asDouble()).isZero();
    }

    @Test
    void login() throws Exception {
        JsonNode r = run("login", "--rate", "20");
        assertThat(r.path("counters").path("flows_ok").asLong()).isGreaterThanOrEqualTo(50)
                .isEqualTo(r.path("counters").path("flows_started").asLong());
        for (String step : List.of("flow", "create", "pc_subscribe", "phone_authorize", "scan", "scanned_event",
                "confirm", "confirmed_event", "verify")) {
            recorded(r, step);
        }
        // Every measured flow's start lateness, once: warm-up flows are left out of both alike.
        JsonNode lag = r.path("latencies").path("send_lag");
        assertThat(lag.path("count").asLong()).isPositive()
                .isEqualTo(r.path("latencies").path("flow").path("count").asLong());
        assertThat(lag.path("max").asLong()).isLessThan(10_000_000);
    }

    @Test
    void hostileAttacksFromOtherAddressesWhileThePubsubLoadRuns() throws Exception {
        // Generous probe timeout and recovery target: this checks the scenario, not the server's speed on a busy
        // machine (the run fails, exit 1, when a probe fails or recovery is late).
        JsonNode r = run("hostile", "--channels", "10", "--rate", "10", "--duration", "4s", "--attack-after", "1s",
                "--attack-for", "1s", "--recovery-target", "2s", "--slowloris", "5", "--half-bodies", "3",
                "--body-bytes", "100000", "--flood", "20", "--drip-every", "100ms", "--probe-timeout", "10s");
        allDelivered(r, 200);
        recorded(r, "delivery");
        JsonNode h = r.path("hostile");
        JsonNode kinds = h.path("attack").path("kinds");
        assertThat(kinds.path("slowloris").path("opened").asLong()).isGreaterThanOrEqualTo(5);
        assertThat(kinds.path("half_body").path("opened").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(kinds.path("flood").path("opened").asLong()).isGreaterThanOrEqualTo(20);
        // The heads went out a byte at a time and the bodies were sent but for their last byte.
        assertThat(kinds.path("slowloris").path("bytesSent").asLong()).isPositive();
        assertThat(kinds.path("half_body").path("bytesSent").asLong()).isGreaterThanOrEqualTo(3 * 99_999);
        // The attack began after the warm-up and the baseline second, and lasted its time.
        assertThat(h.path("attackStart").asDouble()).isGreaterThanOrEqualTo(2.0);
        assertThat(h.path("attackEnd").asDouble() - h.path("attackStart").asDouble()).isGreaterThanOrEqualTo(1.0);
        // Every measured delivery is in one of the windows (which one depends on when it arrived).
        long inWindows = 0;
        for (String w : List.of("before", "during", "after")) {
            inWindows += h.path("delivery").path(w).path("count").asLong();
            assertThat(h.path("healthz").path(w).path("probes").asLong()).as("probes " + w).isPositive();
            assertThat(h.path("healthz").path(w).path("failed").asLong()).as("failed probes " + w).isZero();
        }
        assertThat(inWindows).isEqualTo(r.path("latencies").path("delivery").path("count").asLong());
        assertThat(h.path("recoverySeconds").asDouble()).isBetween(0.0, 2.0);
        assertThat(h.path("probes").size()).isGreaterThanOrEqualTo(12);
        assertThat(h.path("attackTimeline").size()).isPositive();
        try (Stream<Path> files = Files.list(reports)) {
            Path html = files.filter(p -> p.toString().endsWith(".html")).findFirst().orElseThrow();
            assertThat(Files.readString(html)).contains("Under attack", "/healthz latency per probe");
        }
    }

    @Test
    void jitterCutsSubscribersAndEachRecoversWhatItMissed() throws Exception {
        // 20 subscribers, each cut about every second for 4 s, at 10 msg/s per channel: some 60 recoveries,
        // most with a publication or two to replay.
        JsonNode r = run("jitter", "--channels", "10", "--subscribers", "2", "--rate", "10", "--cut-every", "1s",
                "--reconnect-pause", "100ms", "--duration", "3s");
        allDelivered(r, 250);
        recorded(r, "delivery");
        JsonNode j = r.path("jitter");
        assertThat(j.path("cuts").asLong()).isGreaterThanOrEqualTo(20);
        assertThat(j.path("recoveriesAsked").asLong()).isEqualTo(j.path("cuts").asLong());
        assertThat(j.path("recovered").asLong()).isEqualTo(j.path("recoveriesAsked").asLong())
                .isEqualTo(j.path("reconnects").asLong());
        assertThat(j.path("recoveriesRefused").asLong()).isZero();
        assertThat(j.path("duplicates").asLong()).isZero();
        assertThat(j.path("gaps").asLong()).isZero();
        assertThat(j.path("replayed").asLong()).isPositive();
        // Every subscriber saw every offset once, live or replayed.
        assertThat(j.path("live").asLong() + j.path("replayed").asLong())
                .isEqualTo(2 * r.path("accounting").path("published").asLong());
        try (Stream<Path> files = Files.list(reports)) {
            Path html = files.filter(p -> p.toString().endsWith(".html")).findFirst().orElseThrow();
            assertThat(Files.readString(html)).contains("Reconnects and recovery");
        }
    }

    @Test
    void pubsubOverTwoProcessesMergesIntoOneReport() throws Exception {
        JsonNode r = run("pubsub", "--channels", "10", "--rate", "10", "--processes", "2");
        assertThat(r.path("processes").asInt()).isEqualTo(2);
        allDelivered(r, 250);
        recorded(r, "delivery");
        assertThat(r.path("latencies").path("connect").path("count").asLong()).isEqualTo(20);
        assertThat(r.path("timeline").size()).isGreaterThanOrEqualTo(3);
    }
}
