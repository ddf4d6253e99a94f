package io.qrpush.loadtest.scenario;

import io.qrpush.loadtest.hostile.AttackPlan;
import io.qrpush.loadtest.hostile.AttackProgress;
import io.qrpush.loadtest.hostile.AttackResult;
import io.qrpush.loadtest.hostile.HealthProber;
import io.qrpush.loadtest.hostile.HostileFigures;
import io.qrpush.loadtest.hostile.HostileSummary;
import io.qrpush.loadtest.hostile.LatencyWindow;
import io.qrpush.loadtest.hostile.Probe;
import io.qrpush.loadtest.hostile.Window;
import io.qrpush.loadtest.metrics.Histograms;
import io.qrpush.loadtest.metrics.MicroClock;
import io.qrpush.loadtest.metrics.RunMetrics;
import io.qrpush.loadtest.metrics.Sample;
import io.qrpush.loadtest.run.AttackerProcess;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * {@code hostile}: the {@code pubsub} load from the legitimate clients' address while a second
 * process attacks the same server from other addresses (slowloris, half-sent bodies, a connection
 * flood) for a bounded time within the measured window, and {@code /healthz} is probed from a
 * third address throughout. The delivery latency and the probes are split into before, during
 * and after the attack, so one run shows the cost of the attack against its own baseline, and how
 * soon after the attack the node is healthy again.
 */
public final class HostileScenario implements Scenario {
    /** How the attack and the probes are set, beside the pubsub load. */
    public record Settings(String url, AttackPlan plan, Duration attackAfter, InetAddress probeAddress,
                           Duration probeEvery, Duration probeTimeout, Duration recoveryTarget) {
    }

    /** One second's delivery histogram and when it was taken: sorted into windows once the attack's times are known. */
    private record Second(double second, String hdr, long p50, long p99) {
    }

    private final PubSubScenario pubsub;
    private final Settings settings;
    private final PrintStream err;
    private final List<Second> seconds = new ArrayList<>();
    private final List<double[]> attackTimeline = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final ScheduledExecutorService starter = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hostile-go");
        t.setDaemon(true);
        return t;
    });
    private AttackerProcess attacker;
    private HealthProber prober;
    private volatile long loadStartMicros;
    private AttackResult attack;

    public HostileScenario(PubSubScenario pubsub, Settings settings, PrintStream err) {
        this.pubsub = pubsub;
        this.settings = settings;
        this.err = err;
    }

    @Override
    public String name() {
        return "hostile";
    }

    @Override
    public RunMetrics newMetrics() {
        return pubsub.newMetrics();
    }

    @Override
    public long socketsNeeded(Slice slice) {
        // The attack's sockets are the attacking process's, against its own open-file limit.
        return pubsub.socketsNeeded(slice) + settings.probeTimeout().toMillis() / settings.probeEvery().toMillis() + 2;
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>(pubsub.settings());
        AttackPlan p = settings.plan();
        p.sockets().forEach((k, n) -> m.put(k.key(), n));
        m.put("bodyBytes", p.bodyBytes());
        m.put("dripEveryMillis", p.dripEvery().toMillis());
        m.put("attackAfterSeconds", settings.attackAfter().toMillis() / 1000.0);
        m.put("attackForSeconds", p.attackFor().toMillis() / 1000.0);
        m.put("reopenDelayMillis", p.reopenDelay() == null ? "never" : p.reopenDelay().toMillis());
        return m;
    }

    @Override
    public void setup(Run run) throws Exception {
        RunSettings s = run.settings();
        // The attacker ends by itself at the end of its attack; this bounds it if it is never told to begin.
        Duration deadline = s.warmup().plus(s.duration()).plus(s.grace()).plus(Duration.ofMinutes(2));
        attacker = new AttackerProcess(settings.url(), settings.plan(), deadline, run.mapper(), err,
                this::attackProgress);
        pubsub.setup(run);
        if (!attacker.awaitReady(Duration.ofSeconds(60))) {
            throw new IllegalStateException("the attacking process did not start: see its output above");
        }
    }

    private void attackProgress(AttackProgress p) {
        double second = seconds(p.atMicros());
        err.println(p.line(second));
        synchronized (attackTimeline) {
            attackTimeline.add(new double[] {second, p.open()});
        }
    }

    @Override
    public void startLoad(Run run) {
        loadStartMicros = MicroClock.toEpochMicros(run.loadStartNanos());
        pubsub.startLoad(run);
        InetSocketAddress server = new InetSocketAddress(run.loop().endpoint().host(), run.loop().endpoint().port());
        prober = new HealthProber(server, settings.probeAddress(), settings.probeEvery(), settings.probeTimeout(),
                run.loadStartNanos());
        prober.start();
        long goAt = run.loadStartNanos() + run.settings().warmup().plus(settings.attackAfter()).toNanos();
        starter.schedule(attacker::go, goAt - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    /** Keeps each second's delivery latency, stamped with the middle of that second, for {@link #byWindow()}. */
    @Override
    public void onSample(Sample s) {
        if (s.hdr() != null && loadStartMicros != 0 && s.p99() > 0) {
            synchronized (seconds) {
                seconds.add(new Second(seconds(MicroClock.now() - 500_000), s.hdr(), s.p50(), s.p99()));
            }
        }
    }

    /** The delivery latency by the window each second's deliveries were received in. */
    private Map<String, LatencyWindow> byWindow() {
        Map<Window, Histogram> split = new EnumMap<>(Window.class);
        for (Window w : Window.values()) {
            split.put(w, Histograms.micros());
        }
        synchronized (seconds) {
            for (Second s : seconds) {
                split.get(Window.of(s.second(), attackStart(), attackEnd())).add(Histograms.decode(s.hdr()));
            }
        }
        Map<String, LatencyWindow> out = new LinkedHashMap<>();
        split.forEach((w, h) -> out.put(w.key(), LatencyWindow.of(h)));
        return out;
    }

    /** Epoch µs as seconds since the load began. */
    private double seconds(long epochMicros) {
        return (epochMicros - loadStartMicros) / 1e6;
    }

    private double attackStart() {
        long n = attacker.attackingMicros();
        return n == 0 ? Double.NaN : seconds(n);
    }

    private double attackEnd() {
        long n = attacker.releasedMicros();
        return n == 0 ? Double.NaN : seconds(n);
    }

    @Override
    public void stopLoad() {
        pubsub.stopLoad();
    }

    @Override
    public boolean settled(Run run) {
        return pubsub.settled(run) && attacker.released();
    }

    @Override
    public String outstanding(Run run) {
        return pubsub.outstanding(run) + (attacker.released() ? "" : ", the attack not yet let go");
    }

    @Override
    public void teardown(Run run) throws Exception {
        starter.shutdownNow();
        attack = attacker.result(settings.plan().attackFor().plus(Duration.ofSeconds(30)));
        if (attack == null) {
            notes.add("the attacking process left no result: the attack's own counts are missing");
        }
        awaitRecovery();
        prober.close();
        attacker.close();
        pubsub.teardown(run);
        if (Double.isNaN(attackEnd())) {
            notes.add("the attack never let go within the run: no recovery time");
        } else if (HostileFigures.recoverySeconds(prober.probes(), attackEnd()) == null) {
            notes.add("the node was not healthy again by the end of the run");
        }
    }

    /**
     * Keeps probing until the node is healthy again or the recovery target has passed since the
     * attack let go: when the load ended before that, the probes must still tell.
     */
    private void awaitRecovery() throws InterruptedException {
        long released = attacker.releasedMicros();
        if (released == 0) {
            return;
        }
        long until = released + (settings.recoveryTarget().toNanos() + settings.probeTimeout().toNanos()) / 1000;
        while (MicroClock.now() < until && HostileFigures.recoverySeconds(prober.probes(), attackEnd()) == null) {
            Thread.sleep(50);
        }
    }

    @Override
    public List<String> notes() {
        List<String> n = new ArrayList<>(pubsub.notes());
        n.addAll(notes);
        return n;
    }

    /** Built when asked, after the teardown and the run's last sample, so that every delivery is in a window. */
    @Override
    public HostileSummary hostileSummary() {
        if (prober == null) {
            return null;
        }
        List<Probe> probes = prober.probes();
        double start = attackStart();
        double end = attackEnd();
        Map<String, LatencyWindow> byWindow = byWindow();
        long before = byWindow.get(Window.BEFORE.key()).p99();
        long during = byWindow.get(Window.DURING.key()).p99();
        List<double[]> deliveryTimeline;
        synchronized (seconds) {
            deliveryTimeline = seconds.stream().map(s -> new double[] {s.second(), s.p50(), s.p99()}).toList();
        }
        synchronized (attackTimeline) {
            return new HostileSummary(start, end, byWindow, before > 0 && during > 0 ? (double) during / before
                    : Double.NaN, HostileFigures.byWindow(probes, start, end),
                    HostileFigures.recoverySeconds(probes, end), settings.recoveryTarget().toMillis() / 1000.0,
                    settings.probeAddress().getHostAddress(), settings.probeEvery().toMillis(),
                    settings.probeTimeout().toMillis(),
                    settings.plan().addresses().stream().map(InetAddress::getHostAddress).toList(), attack, probes,
                    deliveryTimeline, List.copyOf(attackTimeline));
        }
    }
}
