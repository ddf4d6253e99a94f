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

    /**
     * 1 when an event intended at {@code nanoTime} belongs to the warm-up (however late it fires), else 0: from the
     * sign bit, without a branch, for {@link io.qrpush.loadtest.metrics.LatencyRecorder#record(long, int)}.
     */
    public int warmupFlag(long nanoTime) {
        return (int) ((nanoTime - loadStartNanos - settings.warmup().toNanos()) >>> 63);
    }

    public void endWarmup() {
        metrics.endWarmup();
    }

    /** The {@link System#nanoTime()} at which the load began. */
    public long loadStartNanos() {
        return loadStartNanos;
    }

    public void loadStarts(long nanos) {
        loadStartNanos = nanos;
    }

    /**
     * When scheduled load reaches its full rate: half-way through the warm-up, so the second half
     * runs at the full rate before anything is measured; at once without a ramp.
     */
    public long rampEndNanos() {
        return settings.ramp() ? loadStartNanos + settings.warmup().toNanos() / 2 : loadStartNanos;
    }

    /** When scheduled load must stop: the end of warm-up plus measured duration. */
    public long loadEndNanos() {
        Duration d = settings.warmup().plus(settings.duration());
        return loadStartNanos + d.toNanos();
    }
}
