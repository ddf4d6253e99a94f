package io.qrpush.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The server's meters, served on {@code /metrics} in Prometheus text format. Counters keyed by a
 * tag are created once and cached, so the hot path is a map lookup and an add.
 */
public final class ServerMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicInteger connections = new AtomicInteger();
    private final ConcurrentHashMap<String, Counter> framesIn = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> framesOut = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> errors = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, Counter> closes = new ConcurrentHashMap<>();
    private final Timer deliveryLatency;

    public ServerMetrics() {
        Gauge.builder("qrpush_connections", connections, AtomicInteger::get)
                .description("Open WebSocket connections").register(registry);
        deliveryLatency = Timer.builder("qrpush_publish_to_deliver")
                .description("Time from a publish being accepted to its message being queued for a subscriber")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
        new io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics().bindTo(registry);
        new io.micrometer.core.instrument.binder.jvm.JvmGcMetrics().bindTo(registry);
        new io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics().bindTo(registry);
        new io.micrometer.core.instrument.binder.system.ProcessorMetrics().bindTo(registry);
        new ProcessMemoryMetrics().bindTo(registry);
    }

    /** Registers a gauge read from elsewhere (hub sizes, login sessions). */
    public void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).register(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public void connectionOpened() {
        connections.incrementAndGet();
    }

    public void connectionClosed() {
        connections.decrementAndGet();
    }

    public void frameIn(String op) {
        framesIn.computeIfAbsent(op, o -> Counter.builder("qrpush_frames_in")
                .description("Frames received by op").tag("op", o).register(registry)).increment();
    }

    public void frameOut(String op) {
        framesOut.computeIfAbsent(op, o -> Counter.builder("qrpush_frames_out")
                .description("Frames sent by op").tag("op", o).register(registry)).increment();
    }

    public void framesOut(String op, int count) {
        framesOut.computeIfAbsent(op, o -> Counter.builder("qrpush_frames_out")
                .description("Frames sent by op").tag("op", o).register(registry)).increment(count);
    }

    public void error(String word) {
        errors.computeIfAbsent(word, w -> Counter.builder("qrpush_errors")
                .description("Failed replies and HTTP errors by error word").tag("error", w).register(registry))
                .increment();
    }

    public void closed(int code) {
        closes.computeIfAbsent(code, c -> Counter.builder("qrpush_closes")
                .description("Connections closed by the server, by close code").tag("code", Integer.toString(c))
                .register(registry)).increment();
    }

    public void delivered(long publishedAtMillis, long nowMillis) {
        deliveryLatency.record(Math.max(0, nowMillis - publishedAtMillis), TimeUnit.MILLISECONDS);
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }
}
