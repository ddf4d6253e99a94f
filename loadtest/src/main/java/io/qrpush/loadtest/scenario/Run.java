package io.qrpush.loadtest.scenario;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.qrpush.loadtest.ledger.Ledger;
import io.qrpush.loadtest.metrics.RunMetrics;
import io.qrpush.loadtest.net.ClientLoop;
import io.qrpush.loadtest.net.ServerApi;
import java.time.Duration;

/**
 * What a scenario works with during one run in one process: the event loops, the HTTP side, the
 * meters and books, the options shared by every scenario and this process's slice of the work.
 */
public final class Run {
    private final RunSettings settings;
    private final ClientLoop loop;
    private final ServerApi api;
    private final RunMetrics metrics;
    private final Ledger ledger = new Ledger();
    private final ObjectMapper mapper;
    private volatile boolean warmup = true;
    private volatile long loadStartNanos;

    public Run(RunSettings settings, ClientLoop loop, ServerApi api, RunMetrics metrics, ObjectMapper mapper) {
        this.settings = settings;
        this.loop = loop;
        this.api = api;
        this.metrics = metrics;
        this.mapper = mapper;
    }

    public RunSettings settings() {
        return settings;
    }

    public ClientLoop loop() {
        return loop;
    }

    public ServerApi api() {
        return api;
    }

    public RunMetrics metrics() {
        return metrics;
    }

    public Ledger ledger() {
        return ledger;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    public Slice slice() {
        return settings.slice();
    }

    /** Whether what happens now belongs to the warm-up (accounted for, not in the latency figures). */
    public boolean inWarmup() {
        return warmup;
    }

    /** Whether an event intended at {@code nanoTime} belongs to the warm-up, however late it fires. */
    public boolean warmupAt(long nanoTime) {
        return nanoTime - loadStartNanos < settings.warmup().toNanos();
    }

    public void endWarmup() {
        warmup = false;
        metrics.endWarmup();
    }

    /** The {@link System#nanoTime()} at which the load began. */
    public long loadStartNanos() {
        return loadStartNanos;
    }

    public void loadStarts(long nanos) {
        loadStartNanos = nanos;
    }

    /** When scheduled load reaches its full rate: the end of the warm-up, or at once without a ramp. */
    public long rampEndNanos() {
        return settings.ramp() ? loadStartNanos + settings.warmup().toNanos() : loadStartNanos;
    }

    /** When scheduled load must stop: the end of warm-up plus measured duration. */
    public long loadEndNanos() {
        Duration d = settings.warmup().plus(settings.duration());
        return loadStartNanos + d.toNanos();
    }
}
