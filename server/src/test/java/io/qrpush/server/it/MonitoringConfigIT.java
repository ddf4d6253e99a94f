package io.qrpush.server.it;

import static io.qrpush.server.it.TestServer.APP_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.qrpush.server.config.LoginSettings;
import io.qrpush.server.packaging.MonitoringFiles;
import io.qrpush.server.packaging.MonitoringFiles.Query;
import io.qrpush.server.packaging.PromQl;
import io.qrpush.server.packaging.PromQl.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code config/grafana-dashboard.json} and {@code config/prometheus-alerts.yaml} query only series
 * that {@code /metrics} exposes, with labels those series carry: a renamed meter or tag fails the
 * build instead of leaving an empty panel or an alert that can never fire.
 *
 * <p>It reads one node's own /metrics, so the cluster run, whose logins and publishes cross
 * nodes, leaves it out.
 */
@Tag(TestServer.SINGLE_NODE)
class MonitoringConfigIT {
    /** Series Prometheus makes itself for every target, not read from /metrics. */
    private static final Set<String> FROM_PROMETHEUS = Set.of("up");
    /** Labels Prometheus attaches to every scraped series. */
    private static final Set<String> TARGET_LABELS = Set.of("instance", "job");
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][\\w:]*)(?:\\{(.*)})? ", Pattern.MULTILINE);
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_]\\w*)=\"(?:[^\"\\\\]|\\\\.)*\"");

    @Test
    void everySeriesTheDashboardAndAlertsQueryIsExposed() throws Exception {
        List<Query> queries = new ArrayList<>(MonitoringFiles.dashboardQueries());
        queries.addAll(MonitoringFiles.alertQueries());
        assertThat(queries).as("queries found").hasSizeGreaterThan(20);
        // Admission control off: on a busy test machine it could refuse the login this test makes.
        try (TestServer server = TestServer.start(c -> c.withLogin(LoginSettings.defaults()
                .withMaxLoopLag(Duration.ZERO)))) {
            makeTraffic(server);
            System.gc(); // the server runs in this JVM: the GC pause timer appears after a collection
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                Map<String, Set<String>> exposed = exposedSeries(server.api("GET", "/metrics", null, null).body());
                List<String> missing = new ArrayList<>();
                for (Query q : queries) {
                    for (Selector s : PromQl.selectors(q.expr())) {
                        missing.addAll(problems(q, s, exposed));
                    }
                }
                assertThat(missing).as("series queried but not on /metrics").isEmpty();
            });
        }
    }

    /** Traffic that makes the counters keyed by a tag appear: they are exposed from their first event. */
    private static void makeTraffic(TestServer server) throws Exception {
        try (WsClient sub = server.anonymous(APP_A); WsClient pub = server.user(APP_A, "u1", "news", "login:*")) {
            sub.subscribe("news", null);
            pub.publish("news", "1");
            sub.next("message");
            assertThat(pub.publish("elsewhere", "1").path("error").asText()).isEqualTo("forbidden");
            LoginFixture.Created session = new LoginFixture(server).create(APP_A);
            JsonNode early = LoginFixture.act(pub, session, "confirm");
            assertThat(early.path("code").asInt()).as("confirm before scan: %s", early).isGreaterThanOrEqualTo(400);
        }
        try (WsClient unknown = server.connect()) {
            unknown.request("{\"op\":\"authorize\",\"id\":1,\"appkey\":\"nope\"}");
            assertThat(unknown.awaitClose()).isEqualTo(4001);
        }
    }

    private static List<String> problems(Query q, Selector s, Map<String, Set<String>> exposed) {
        if (FROM_PROMETHEUS.contains(s.metric())) {
            return List.of();
        }
        Set<String> labels = exposed.get(s.metric());
        if (labels == null) {
            return List.of(s.metric() + " (" + q.where() + ")");
        }
        List<String> out = new ArrayList<>();
        for (String label : s.labels()) {
            if (!labels.contains(label) && !TARGET_LABELS.contains(label)) {
                out.add(s.metric() + "{" + label + "} (" + q.where() + "): it has labels " + labels);
            }
        }
        return out;
    }

    /** Sample names as Prometheus stores them ({@code _total}, {@code _bucket}... included), with their label names. */
    private static Map<String, Set<String>> exposedSeries(String exposition) {
        Map<String, Set<String>> out = new HashMap<>();
        Matcher m = SAMPLE.matcher(exposition);
        while (m.find()) {
            Set<String> labels = out.computeIfAbsent(m.group(1), k -> new HashSet<>());
            if (m.group(2) != null) {
                Matcher l = LABEL.matcher(m.group(2));
                while (l.find()) {
                    labels.add(l.group(1));
                }
            }
        }
        return out;
    }
}
