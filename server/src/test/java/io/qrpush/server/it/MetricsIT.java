package io.qrpush.server.it;

import static io.qrpush.server.it.TestServer.APP_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** docs/protocol.md section 5, {@code /metrics}: Prometheus text whose values follow what happened on the server. */
class MetricsIT extends DefaultServerIT {
    @Test
    void metricsArePrometheusText() throws Exception {
        HttpResponse<String> res = server.api("GET", "/metrics", null, null);
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
        assertThat(res.body()).contains("# TYPE qrpush_connections gauge", "# TYPE qrpush_subscriptions gauge",
                "# TYPE qrpush_channels gauge", "# TYPE qrpush_publish_to_deliver_seconds histogram");
        Prometheus p = new Prometheus(res.body());
        assertThat(p.value("qrpush_connections")).isZero();
        assertThat(p.value("qrpush_subscriptions")).isZero();
        assertThat(p.value("qrpush_channels")).isZero();
    }

    /** Live heap per pool, for reading memory per connection without forcing a GC from outside. */
    @Test
    void heapAfterTheLastCollectionIsExposedPerPool() throws Exception {
        System.gc(); // the server runs in this JVM: a full collection gives every heap pool a reading
        String body = server.api("GET", "/metrics", null, null).body();
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("(?m)^jvm_memory_used_after_gc_bytes\\{[^}]*pool=\"([^\"]+)\"[^}]*} (\\S+)$").matcher(body);
        double total = 0;
        int pools = 0;
        while (m.find()) {
            pools++;
            total += Double.parseDouble(m.group(2));
        }
        assertThat(pools).as("heap pools with an after-GC reading").isPositive();
        assertThat(total).as("live heap after a full GC").isPositive();
    }

    @Test
    void gaugesFollowConnectionsAndSubscriptions() throws Exception {
        try (WsClient a = server.anonymous(APP_A); WsClient b = server.anonymous(APP_A)) {
            a.subscribe("news", null);
            b.subscribe("news", null);
            b.subscribe("sport", null);
            Prometheus p = Prometheus.scrape(server);
            assertThat(p.value("qrpush_connections")).isEqualTo(2);
            assertThat(p.value("qrpush_subscriptions")).isEqualTo(3);
            assertThat(p.value("qrpush_channels")).isEqualTo(2);
            b.requestOk("{\"op\":\"unsubscribe\",\"id\":9,\"channel\":\"sport\"}");
            p = Prometheus.scrape(server);
            assertThat(p.value("qrpush_subscriptions")).isEqualTo(2);
            assertThat(p.value("qrpush_channels")).isEqualTo(1);
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            Prometheus p = Prometheus.scrape(server);
            assertThat(p.value("qrpush_connections")).isZero();
            assertThat(p.value("qrpush_subscriptions")).isZero();
            assertThat(p.value("qrpush_channels")).isZero();
        });
    }

    @Test
    void framesDeliveriesErrorsAndClosesAreCounted() throws Exception {
        try (WsClient sub1 = server.anonymous(APP_A); WsClient sub2 = server.anonymous(APP_A);
             WsClient pub = server.user(APP_A, "u1", "news")) {
            sub1.subscribe("news", null);
            sub2.subscribe("news", null);
            Prometheus before = Prometheus.scrape(server);
            for (int i = 0; i < 3; i++) {
                pub.publish("news", Integer.toString(i));
            }
            for (int i = 0; i < 3; i++) {
                sub1.next("message");
                sub2.next("message");
            }
            pub.send("{\"op\":\"ping\"}");
            pub.next("pong");
            assertThat(pub.publish("elsewhere", "1").path("error").asText()).isEqualTo("forbidden");
            assertThat(pub.subscribe("bad channel", null).path("error").asText()).isEqualTo("bad_channel");
            assertThat(server.api("GET", "/api/v1/channels/news", "wrong", null).statusCode()).isEqualTo(401);
            Prometheus after = Prometheus.scrape(server);

            assertThat(delta(before, after, "qrpush_frames_in_total", "op=publish")).isEqualTo(4);
            assertThat(delta(before, after, "qrpush_frames_in_total", "op=ping")).isEqualTo(1);
            assertThat(delta(before, after, "qrpush_frames_in_total", "op=invalid")).as("the bad channel").isEqualTo(1);
            assertThat(delta(before, after, "qrpush_frames_out_total", "op=message")).isEqualTo(6);
            assertThat(delta(before, after, "qrpush_frames_out_total", "op=reply")).isEqualTo(5);
            assertThat(delta(before, after, "qrpush_frames_out_total", "op=pong")).isEqualTo(1);
            assertThat(delta(before, after, "qrpush_publish_to_deliver_seconds_count")).isEqualTo(3);
            assertThat(after.value("qrpush_publish_to_deliver_seconds_bucket", "le=+Inf")).isGreaterThanOrEqualTo(3);
            assertThat(after.has("qrpush_publish_to_deliver_seconds_sum")).isTrue();
            assertThat(delta(before, after, "qrpush_errors_total", "error=forbidden")).isEqualTo(1);
            assertThat(delta(before, after, "qrpush_errors_total", "error=bad_channel")).isEqualTo(1);
            assertThat(delta(before, after, "qrpush_errors_total", "error=unauthorized")).isEqualTo(1);
        }
        try (WsClient unknown = server.connect(); WsClient noisy = server.anonymous(APP_A)) {
            unknown.request("{\"op\":\"authorize\",\"id\":1,\"appkey\":\"nope\"}");
            assertThat(unknown.awaitClose()).isEqualTo(4001);
            for (int i = 0; i < 10; i++) {
                noisy.send("not json");
            }
            assertThat(noisy.awaitClose()).isEqualTo(4000);
            Prometheus p = Prometheus.scrape(server);
            assertThat(p.value("qrpush_closes_total", "code=4001")).isEqualTo(1);
            assertThat(p.value("qrpush_closes_total", "code=4000")).isEqualTo(1);
            assertThat(p.value("qrpush_frames_in_total", "op=invalid")).isEqualTo(1 + 10);
            assertThat(p.value("qrpush_errors_total", "error=bad_request")).isEqualTo(10);
            assertThat(p.value("qrpush_frames_out_total", "op=disconnect")).isEqualTo(2);
        }
    }

    private static double delta(Prometheus before, Prometheus after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }
}
