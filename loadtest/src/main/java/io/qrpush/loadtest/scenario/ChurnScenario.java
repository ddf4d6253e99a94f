package io.qrpush.loadtest.scenario;

import io.qrpush.loadtest.metrics.LatencyRecorder;
import io.qrpush.loadtest.metrics.MicroClock;
import io.qrpush.loadtest.metrics.RunMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code churn}: connections that connect, authorize, subscribe to one of the pubsub channels,
 * stay {@code hold} and close, started at a target rate on an open-loop schedule, while a
 * {@code pubsub} load runs. The runner measures the server's memory before and after: once
 * every churned connection is gone it should be back at its baseline.
 */
public final class ChurnScenario implements Scenario {
    private final PubSubScenario pubsub;
    private final int channels;
    private final double connectsPerSecond;
    private final long holdMillis;
    private final AtomicLong inFlight = new AtomicLong();
    private final List<Pacer> pacers = new ArrayList<>();

    public ChurnScenario(int channels, double ratePerChannel, double connectsPerSecond, long holdMillis) {
        this.pubsub = PubSubScenario.pubsub(channels, 1, ratePerChannel, 0);
        this.channels = channels;
        this.connectsPerSecond = connectsPerSecond;
        this.holdMillis = holdMillis;
    }

    @Override
    public String name() {
        return "churn";
    }

    @Override
    public RunMetrics newMetrics() {
        return new RunMetrics("delivery", "churn_connect", "publish_reply", PubSubLoad.SEND_LAG, "connect");
    }

    @Override
    public long socketsNeeded(Slice slice) {
        // Churned sockets alive at once: those held, plus a second's worth opening and closing.
        double rate = slice.share(connectsPerSecond);
        return pubsub.socketsNeeded(slice) + (long) Math.ceil(rate * (holdMillis / 1000.0 + 1));
    }

    @Override
    public boolean measuresMemory() {
        return true;
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>(pubsub.settings());
        m.put("connectsPerSecond", connectsPerSecond);
        m.put("holdMillis", holdMillis);
        return m;
    }

    @Override
    public void setup(Run run) throws Exception {
        pubsub.setup(run);
    }

    @Override
    public void startLoad(Run run) {
        pubsub.startLoad(run);
        // One schedule per event loop, each with its share of the rate, so no loop carries all the connects.
        LatencyRecorder latency = run.metrics().latency("churn_connect");
        List<io.netty.util.concurrent.EventExecutor> loops = new ArrayList<>();
        run.loop().group().forEach(loops::add);
        double rate = run.slice().share(connectsPerSecond) / loops.size();
        for (int l = 0; l < loops.size(); l++) {
            int lane = l;
            long first = run.loadStartNanos() + (long) (1e9 / rate * l / loops.size());
            pacers.add(Pacer.start(loops.get(l), first, rate, run.rampEndNanos(), run.loadEndNanos(),
                    (k, due) -> churnOne(run, latency, k * loops.size() + lane, due)));
        }
    }

    private void churnOne(Run run, LatencyRecorder latency, int n, long dueNanos) {
        long intended = MicroClock.toEpochMicros(dueNanos);
        String channel = PubSubLoad.channelName(run.settings().runId(),
                run.slice().from(channels) + n % Math.max(1, run.slice().share(channels)));
        inFlight.incrementAndGet();
        run.metrics().count("churn_started");
        Opener.open(run, c -> Requests.authorize(c, run.settings().appkey(), null)
                .thenCompose(r -> Requests.subscribe(c, channel, null))).whenComplete((c, err) -> {
                    if (err != null) {
                        inFlight.decrementAndGet();
                        return;
                    }
                    latency.record(MicroClock.now() - intended, run.warmupFlag(dueNanos));
                    run.metrics().count("churn_connected");
                    c.channel().eventLoop().schedule(() -> c.close().whenComplete((code, e) -> {
                        inFlight.decrementAndGet();
                        run.metrics().count("churn_closed");
                    }), holdMillis, TimeUnit.MILLISECONDS);
                });
    }

    @Override
    public void stopLoad() {
        pubsub.stopLoad();
    }

    @Override
    public List<String> notes() {
        List<String> n = new ArrayList<>(pubsub.notes());
        n.addAll(Scenario.unfinished("churned connections", pacers));
        return n;
    }

    @Override
    public boolean settled(Run run) {
        return pubsub.settled(run) && pacers.stream().allMatch(Pacer::finished) && inFlight.get() == 0;
    }

    @Override
    public String outstanding(Run run) {
        return run.ledger().outstanding() + ", " + inFlight.get() + " churned connections still open";
    }

    @Override
    public void teardown(Run run) {
        pacers.forEach(Pacer::stop);
        pubsub.teardown(run);
    }
}
