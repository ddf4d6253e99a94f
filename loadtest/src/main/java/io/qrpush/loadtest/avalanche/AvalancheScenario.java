package io.qrpush.loadtest.avalanche;

import io.qrpush.loadtest.jitter.JitterScenario;
import io.qrpush.loadtest.jitter.JitterSummary;
import io.qrpush.loadtest.metrics.RunMetrics;
import io.qrpush.loadtest.net.Endpoint;
import io.qrpush.loadtest.scenario.Run;
import io.qrpush.loadtest.scenario.Scenario;
import io.qrpush.loadtest.scenario.Slice;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code avalanche}: every subscriber of a {@code jitter}-shaped load (history channels, one
 * publisher each on the last node) starts on the first node; {@code stopAfter} into the measured
 * time that node is stopped (SIGTERM), drains, and its clients come back to the next node in a
 * load balancer's rotation (a node whose {@code /healthz} answers 200: {@code NodeHealth}),
 * recovering by offset. Measured: when each was told to go and when it was back, so the report
 * shows reconnects per second, their peak, the time until everyone is back, who never came back,
 * and (through the jitter section and the accounting) any message lost.
 */
public final class AvalancheScenario implements Scenario {
    /**
     * @param load      the subscribers, channels and publishers, and two nodes or more: the first is drained
     * @param stopAfter from the start of the measured time to the stop
     * @param stop      stops the first node (sends it SIGTERM); may block until it has drained
     * @param publishers the node every publisher connects to: the returning node only if it has room
     *                  for them beside every returning client (its {@code limits.maxConnections})
     */
    public record Settings(JitterScenario.Settings load, Duration stopAfter, Runnable stop, Endpoint publishers) {
        public Settings {
            if (load.nodes().size() < 2 || stopAfter.isNegative()) {
                throw new IllegalArgumentException("an avalanche needs two nodes or more and a stop time not negative");
            }
        }
    }

    private final Settings settings;
    private final JitterScenario load;
    private final ReturnClock clock;
    private AvalancheSummary summary;

    public AvalancheScenario(Settings settings) {
        this.settings = settings;
        this.clock = new ReturnClock(settings.load().channels() * settings.load().subscribers());
        this.load = JitterScenario.drainedFirstNode(settings.load(), clock, settings.publishers());
    }

    @Override
    public String name() {
        return "avalanche";
    }

    @Override
    public RunMetrics newMetrics() {
        return load.newMetrics();
    }

    @Override
    public long socketsNeeded(Slice slice) {
        return load.socketsNeeded(slice);
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>(load.settings());
        m.remove("cutEveryMillis");
        m.put("stopAfterMillis", settings.stopAfter().toMillis());
        m.put("publishersNode", settings.publishers().http().toString());
        return m;
    }

    @Override
    public void setup(Run run) throws Exception {
        load.setup(run);
    }

    @Override
    public void startLoad(Run run) {
        load.startLoad(run);
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(settings.stopAfter().toMillis()); // a schedule, not a wait for a condition
                clock.stopped(System.nanoTime());
                settings.stop().run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                run.metrics().error("avalanche:stop_failed");
            }
        }, "avalanche-stop");
        stopper.setDaemon(true);
        stopper.start();
    }

    @Override
    public void stopLoad() {
        load.stopLoad();
    }

    @Override
    public boolean settled(Run run) {
        return clock.hasStopped() && clock.away() == 0 && load.settled(run);
    }

    @Override
    public String outstanding(Run run) {
        return (clock.hasStopped() ? clock.away() + " clients not back" : "the node was never stopped") + ", "
                + load.outstanding(run);
    }

    @Override
    public void teardown(Run run) {
        summary = clock.summary();
        load.teardown(run);
    }

    @Override
    public JitterSummary jitterSummary() {
        return load.jitterSummary();
    }

    @Override
    public AvalancheSummary avalancheSummary() {
        return summary;
    }

    @Override
    public List<String> notes() {
        return load.notes();
    }
}
