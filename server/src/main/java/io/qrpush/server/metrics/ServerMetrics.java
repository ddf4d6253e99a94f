package io.qrpush.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

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
    private final ConcurrentHashMap<String, Counter> loginEvents = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> loginRejections = new ConcurrentHashMap<>();
    private final Timer scanToConfirm;
    private final Counter outOfMemory;

    public ServerMetrics() {
        Gauge.builder("qrpush_connections", connections, AtomicInteger::get)
                .description("Open WebSocket connections").register(registry);
        deliveryLatency = Timer.builder("qrpush_publish_to_deliver")
                .description("Time from a publish being accepted to its message being queued for a subscriber")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
        scanToConfirm = Timer.builder("qrpush_login_scan_to_confirm")
                .description("Time a phone user took from scanning a login code to confirming it")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(100))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
        outOfMemory = Counter.builder("qrpush_out_of_memory_errors")
                .description("OutOfMemoryErrors caught on connections (heap or direct buffer memory)").register(registry);
        new io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics().bindTo(registry);
        new io.micrometer.core.instrument.binder.jvm.JvmGcMetrics().bindTo(registry);
        new io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics().bindTo(registry);
        new io.micrometer.core.instrument.binder.system.ProcessorMetrics().bindTo(registry);
        new io.micrometer.core.instrument.binder.system.FileDescriptorMetrics().bindTo(registry);
        new ProcessMemoryMetrics().bindTo(registry);
        new HeapAfterGcMetrics().bindTo(registry);
    }

    /**
     * Registers a counter kept by {@code owner}; Prometheus shows it as {@code <name>_total}. The
     * registry holds {@code owner} only weakly, so it must be an object that lives on, not a lambda.
     */
    public <T> void counter(String name, String description, T owner, ToDoubleFunction<T> total) {
        FunctionCounter.builder(name, owner, total).description(description).register(registry);
    }

    /** Like {@link #counter(String, String, Object, ToDoubleFunction)}, one of a family told apart by a tag. */
    public <T> void counter(String name, String description, String tag, String tagValue, T owner,
                            ToDoubleFunction<T> total) {
        FunctionCounter.builder(name, owner, total).description(description).tag(tag, tagValue).register(registry);
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
        tagged(framesIn, op, "qrpush_frames_in", "Frames received by op", "op").increment();
    }

    public void frameOut(String op) {
        tagged(framesOut, op, "qrpush_frames_out", "Frames sent by op", "op").increment();
    }

    public void framesOut(String op, int count) {
        tagged(framesOut, op, "qrpush_frames_out", "Frames sent by op", "op").increment(count);
    }

    /**
     * The counter of one tag value. Looked up before {@code computeIfAbsent}: its lambda captures
     * the registry, an allocation on every frame of the publish path that a hit needs not make.
     */
    private Counter tagged(ConcurrentHashMap<String, Counter> byTag, String value, String name, String description,
                           String tag) {
        Counter c = byTag.get(value);
        return c != null ? c : byTag.computeIfAbsent(value,
                v -> Counter.builder(name).description(description).tag(tag, v).register(registry));
    }

    public void error(String word) {
        tagged(errors, word, "qrpush_errors", "Failed replies and HTTP errors by error word", "error").increment();
    }

    public void closed(int code) {
        closes.computeIfAbsent(code, c -> Counter.builder("qrpush_closes")
                .description("Connections closed by the server, by close code").tag("code", Integer.toString(c))
                .register(registry)).increment();
    }

    public void outOfMemory() {
        outOfMemory.increment();
    }

    public void delivered(long publishedAtMillis, long nowMillis) {
        deliveryLatency.record(Math.max(0, nowMillis - publishedAtMillis), TimeUnit.MILLISECONDS);
    }

    /** A login session was created, scanned, confirmed, cancelled, expired or revoked. */
    public void loginEvent(String event) {
        tagged(loginEvents, event, "qrpush_login_sessions", "Login sessions by what happened to them", "event")
                .increment();
    }

    /** A phone's login action was refused, by action and error word ({@code locked}, {@code gone}, ...). */
    public void loginRejected(String action, String reason) {
        loginRejections.computeIfAbsent(action + '\u0000' + reason, k -> Counter.builder("qrpush_login_rejected")
                .description("Refused phone actions on login channels, by action and reason")
                .tag("action", action).tag("reason", reason).register(registry)).increment();
    }

    public void loginScanToConfirm(long millis) {
        scanToConfirm.record(Math.max(0, millis), TimeUnit.MILLISECONDS);
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }
}
