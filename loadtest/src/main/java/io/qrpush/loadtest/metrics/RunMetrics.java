package io.qrpush.loadtest.metrics;

import io.qrpush.loadtest.net.WsConnection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * Everything a run counts while it runs: named latencies (the first is the primary one, shown in
 * the progress line), named counters, errors keyed {@code error:<word>}, {@code close:<code>} or
 * {@code connect:<cause>}, open connections, and one {@link Sample} per second.
 */
public final class RunMetrics implements WsConnection.ErrorSink {
    /** Connection set-up time before the load, which the warm-up does not discard. */
    public static final String SETUP_LATENCY = "connect";

    private final Map<String, LatencyRecorder> latencies = new LinkedHashMap<>();
    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Map<String, Long> lastCounts = new TreeMap<>();
    private final AtomicLong connections = new AtomicLong();
    private final List<Sample> timeline = new ArrayList<>();
    private long lastErrors;

    /** Declares the latencies, primary first; recording an undeclared one is a programming error. */
    public RunMetrics(String... latencyNames) {
        for (String n : latencyNames) {
            latencies.put(n, new LatencyRecorder());
        }
    }

    /** The recorder of a latency, created on first use (after the declared ones); hot paths keep it. */
    public synchronized LatencyRecorder latency(String name) {
        return latencies.computeIfAbsent(name, n -> new LatencyRecorder());
    }

    public synchronized String primary() {
        return latencies.keySet().iterator().next();
    }

    public void count(String counter) {
        counter(counter).increment();
    }

    /** A counter, for a hot path to keep rather than look up per event. */
    public LongAdder counter(String name) {
        return counters.computeIfAbsent(name, k -> new LongAdder());
    }

    public void count(String counter, long n) {
        counter(counter).add(n);
    }

    @Override
    public void error(String key) {
        errors.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    public void connectionOpened() {
        connections.incrementAndGet();
    }

    public void connectionClosed() {
        connections.decrementAndGet();
    }

    public long connections() {
        return connections.get();
    }

    /** Closes one second: every latency's interval goes into its total; returns the second's sample. */
    public synchronized Sample tick(int second, String phase) {
        Histogram primaryInterval = null;
        for (Map.Entry<String, LatencyRecorder> e : latencies.entrySet()) {
            Histogram h = e.getValue().tick();
            if (primaryInterval == null) {
                primaryInterval = h;
            }
        }
        Map<String, Long> now = counters();
        Map<String, Long> delta = new TreeMap<>();
        now.forEach((k, v) -> delta.put(k, v - lastCounts.getOrDefault(k, 0L)));
        lastCounts.putAll(now);
        long errs = totalErrors();
        Sample s = new Sample(second, phase, connections.get(), delta, errs - lastErrors,
                primaryInterval.getTotalCount() == 0 ? 0 : primaryInterval.getValueAtPercentile(50),
                primaryInterval.getTotalCount() == 0 ? 0 : primaryInterval.getValueAtPercentile(99),
                Histograms.encode(primaryInterval));
        lastErrors = errs;
        timeline.add(s.withoutHistogram());
        return s;
    }

    /**
     * The end of the warm-up: load latencies recorded so far are not part of the result. The
     * {@value #SETUP_LATENCY} latency is kept: it was all recorded before the load began.
     */
    public synchronized void endWarmup() {
        latencies.forEach((k, v) -> {
            if (!SETUP_LATENCY.equals(k)) {
                v.resetTotal();
            }
        });
    }

    public synchronized Map<String, Histogram> totals() {
        Map<String, Histogram> m = new LinkedHashMap<>();
        latencies.forEach((k, v) -> m.put(k, v.total()));
        return m;
    }

    public Map<String, Long> counters() {
        Map<String, Long> m = new TreeMap<>();
        counters.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    public Map<String, Long> errors() {
        Map<String, Long> m = new TreeMap<>();
        errors.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    public long totalErrors() {
        long n = 0;
        for (LongAdder a : errors.values()) {
            n += a.sum();
        }
        return n;
    }

    public synchronized List<Sample> timeline() {
        return List.copyOf(timeline);
    }
}
