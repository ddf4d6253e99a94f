package io.qrpush.loadtest.scenario;

import io.netty.util.concurrent.EventExecutor;
import io.qrpush.loadtest.metrics.LatencyRecorder;
import io.qrpush.loadtest.metrics.MicroClock;
import io.qrpush.loadtest.metrics.RunMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code login}: scan-to-login flows started at a target rate on an open-loop schedule, each a
 * {@link LoginFlow}; latency per step and for the whole flow, from the flow's intended start.
 * A flow that fails is counted by the step that failed and why ({@code login:<step>:<why>}).
 */
public final class LoginScenario implements Scenario {
    private final double flowsPerSecond;
    private final String origin;
    private final AtomicLong inFlight = new AtomicLong();
    private final java.util.Set<LoginFlow> active = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final List<Pacer> pacers = new ArrayList<>();

    public LoginScenario(double flowsPerSecond, String origin) {
        if (!(flowsPerSecond > 0)) {
            throw new IllegalArgumentException("rate must be positive");
        }
        this.flowsPerSecond = flowsPerSecond;
        this.origin = origin;
    }

    @Override
    public String name() {
        return "login";
    }

    @Override
    public RunMetrics newMetrics() {
        return new RunMetrics("flow", "create", "pc_subscribe", "phone_authorize", "scan", "scanned_event", "confirm",
                "confirmed_event", "verify", PubSubLoad.SEND_LAG);
    }

    @Override
    public long socketsNeeded(Slice slice) {
        // Two WebSockets per flow in flight (a flow lasts well under a second), and the HTTP pool.
        return (long) Math.ceil(slice.share(flowsPerSecond) * 2) + 256;
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("flowsPerSecond", flowsPerSecond);
        m.put("origin", origin == null ? "none" : origin);
        return m;
    }

    @Override
    public void setup(Run run) {
        if (run.settings().apiKey() == null || run.settings().secret() == null) {
            throw new IllegalArgumentException("login needs --secret (to mint phone otps) and --api-key (to redeem"
                    + " tickets)");
        }
    }

    @Override
    public void startLoad(Run run) {
        List<EventExecutor> loops = new ArrayList<>();
        run.loop().group().forEach(loops::add);
        double rate = run.slice().share(flowsPerSecond) / loops.size();
        int lanes = loops.size();
        int offset = run.slice().index() * 1_000_000_000 / run.slice().count();
        LatencyRecorder sendLag = run.metrics().latency(PubSubLoad.SEND_LAG);
        for (int l = 0; l < lanes; l++) {
            int lane = l;
            long first = run.loadStartNanos() + (long) (1e9 / rate * l / lanes);
            pacers.add(Pacer.start(loops.get(l), first, rate, run.rampEndNanos(), run.loadEndNanos(), (k, due) -> {
                inFlight.incrementAndGet();
                run.metrics().count("flows_started");
                long intended = MicroClock.toEpochMicros(due);
                int warm = run.warmupFlag(due);
                sendLag.record(MicroClock.now() - intended, warm);
                LoginFlow flow = new LoginFlow(run, offset + k * lanes + lane, intended, origin, warm);
                active.add(flow);
                flow.start().whenComplete((x, e) -> {
                            active.remove(flow);
                            if (e == null) {
                                run.metrics().count("flows_ok");
                            } else {
                                Throwable c = e.getCause() != null ? e.getCause() : e;
                                run.metrics().count("flows_failed");
                                run.metrics().error(c instanceof LoginFlow.StepFailed f ? f.key("flow")
                                        : "login:flow:" + c.getClass().getSimpleName());
                            }
                            inFlight.decrementAndGet();
                        });
            }));
        }
    }

    @Override
    public void stopLoad() {
        // The schedules end by themselves, after every flow due before the end has started.
    }

    @Override
    public List<String> notes() {
        return Scenario.unfinished("login flows", pacers);
    }

    @Override
    public boolean settled(Run run) {
        return pacers.stream().allMatch(Pacer::finished) && inFlight.get() == 0;
    }

    @Override
    public String outstanding(Run run) {
        return inFlight.get() + " login flows unfinished";
    }

    @Override
    public void teardown(Run run) {
        pacers.forEach(Pacer::stop);
        // Flows still running after the grace period failed; each closes its own connections.
        active.forEach(LoginFlow::abort);
    }
}
