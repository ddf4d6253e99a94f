package io.qrpush.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Readings of a real Prometheus registry (the one /metrics serves) turned into the page's columns. */
class StatsRingTest {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicInteger connections = new AtomicInteger();
    private final Counter publishesIn = Counter.builder("qrpush_frames_in").tag("op", "publish").register(registry);
    private final Counter messagesOut = Counter.builder("qrpush_frames_out").tag("op", "message").register(registry);
    private final Counter created = Counter.builder("qrpush_login_sessions").tag("event", "created").register(registry);
    private final Timer latency = Timer.builder("qrpush_publish_to_deliver").publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofNanos(100_000)).maximumExpectedValue(Duration.ofSeconds(10))
            .register(registry);
    private final StatsRing ring = new StatsRing();

    StatsRingTest() {
        registry.gauge("qrpush_connections", connections);
    }

    private void read(long atMillis) {
        ring.add(MeterReadings.read(registry, atMillis));
    }

    @Test
    void ratesPercentilesAndPerMinuteFiguresOfEachSecond() {
        read(0);
        connections.set(3);
        publishesIn.increment(10);
        messagesOut.increment(40);
        created.increment(2);
        for (int i = 0; i < 98; i++) {
            latency.record(2, TimeUnit.MILLISECONDS);
        }
        latency.record(400, TimeUnit.MILLISECONDS);
        latency.record(400, TimeUnit.MILLISECONDS);
        read(2000);
        JsonNode s = ring.since(0);
        assertThat(s.get("t").get(0).asLong()).isEqualTo(2000);
        assertThat(s.get("connections").get(0).asDouble()).isEqualTo(3);
        assertThat(s.get("framesInPerSecond").get(0).asDouble()).isEqualTo(5);
        assertThat(s.get("framesOutPerSecond").get(0).asDouble()).isEqualTo(20);
        assertThat(s.get("deliverP50Ms").get(0).asDouble()).isBetween(2.0, 2.5);
        assertThat(s.get("deliverP99Ms").get(0).asDouble()).isBetween(400.0, 500.0);
        assertThat(s.get("loginsCreatedPerMinute").get(0).asDouble()).as("2 over the 2 s seen, as a minute's rate")
                .isEqualTo(60);

        read(3000);
        JsonNode next = ring.since(2000);
        assertThat(next.get("t")).hasSize(1);
        assertThat(next.get("framesInPerSecond").get(0).asDouble()).isZero();
        assertThat(next.get("deliverP50Ms").get(0).isNull()).as("no delivery this second: a gap, not 0").isTrue();
        assertThat(next.get("loginsCreatedPerMinute").get(0).asDouble()).isEqualTo(40);
    }

    @Test
    void perMinuteLooksBackAMinuteAndTheRingKeepsItsCapacity() {
        read(0);
        created.increment(5);
        for (int i = 1; i <= StatsRing.CAPACITY + 100; i++) {
            read(i * 1000L);
        }
        JsonNode s = ring.since(0);
        assertThat(s.get("t")).hasSize(StatsRing.CAPACITY);
        int last = StatsRing.CAPACITY - 1;
        assertThat(s.get("loginsCreatedPerMinute").get(last).asDouble()).as("long past the minute").isZero();
        assertThat(s.get("loginsCreatedPerMinute").get(0).asDouble()).isZero();
    }
}
