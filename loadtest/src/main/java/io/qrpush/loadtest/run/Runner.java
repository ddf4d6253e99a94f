package io.qrpush.loadtest.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.qrpush.loadtest.metrics.RunMetrics;
import io.qrpush.loadtest.metrics.Sample;
import io.qrpush.loadtest.net.ClientLoop;
import io.qrpush.loadtest.net.ServerApi;
import io.qrpush.loadtest.report.ReportBuilder;
import io.qrpush.loadtest.report.RunReport;
import io.qrpush.loadtest.report.ServerMemory;
import io.qrpush.loadtest.scenario.MemorySnapshot;
import io.qrpush.loadtest.scenario.PubSubScenario;
import io.qrpush.loadtest.scenario.Run;
import io.qrpush.loadtest.scenario.Scenario;
import io.qrpush.loadtest.scenario.ServerProbe;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a scenario in this process: set up, (as a child: wait for the parent's go), warm up,
 * measure, let outstanding messages arrive, measure the server's memory if the scenario asks,
 * tear down, report. One sample a second feeds the progress line (or, in a child, the parent).
 */
public final class Runner {
    private final Scenario scenario;
    private final RunOptions options;
    private final ObjectMapper mapper;
    private final PrintStream err;
    private volatile String phase = "setup";

    public Runner(Scenario scenario, RunOptions options, ObjectMapper mapper, PrintStream err) {
        this.scenario = scenario;
        this.options = options;
        this.mapper = mapper;
        this.err = err;
    }

    public RunReport run() throws Exception {
        RunMetrics metrics = scenario.newMetrics();
        ChildLink link = options.isChild() ? new ChildLink(System.out) : null;
        ProgressPrinter printer = new ProgressPrinter(err, metrics.primary());
        List<String> notes = new ArrayList<>();
        List<MemorySnapshot> snaps = new ArrayList<>();
        String startedAt = Instant.now().toString();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "loadtest-ticker");
            t.setDaemon(true);
            return t;
        });
        try (ClientLoop loop = new ClientLoop(options.endpoint(), options.sources(), options.threads(), metrics,
                options.httpConnections());
             ServerApi api = new ServerApi(loop, mapper)) {
            Run run = new Run(options.settings(), loop, api, metrics, mapper);
            ServerProbe probe = scenario.measuresMemory() && !options.isChild()
                    ? new ServerProbe(api, options.serverPid()) : null;
            if (probe != null) {
                snaps.add(probe.snapshot("baseline"));
            }
            int[] second = {0};
            ticker.scheduleAtFixedRate(() -> {
                Sample s = metrics.tick(++second[0], phase);
                scenario.onSample(s);
                if (link != null) {
                    link.tell("SAMPLE", json(s));
                } else {
                    printer.print(s);
                }
            }, 1, 1, TimeUnit.SECONDS);

            scenario.setup(run);
            if (link != null) {
                link.handshake("READY", "GO");
            }
            long start = System.nanoTime();
            run.loadStarts(start);
            phase = "warmup";
            scenario.startLoad(run);
            sleepUntil(start + options.settings().warmup().toNanos());
            run.endWarmup();
            phase = "measure";
            sleepUntil(run.loadEndNanos());
            scenario.stopLoad();
            phase = "grace";
            long graceEnd = System.nanoTime() + options.settings().grace().toNanos();
            while (!scenario.settled(run) && System.nanoTime() < graceEnd) {
                Thread.sleep(20);
            }
            if (!scenario.settled(run)) {
                notes.add("grace period ran out with " + scenario.outstanding(run));
            }
            if (probe != null) {
                snaps.add(probe.snapshot("loaded"));
            }
            if (link != null) {
                link.handshake("HELD", "CLOSE");
            }
            phase = "teardown";
            scenario.teardown(run);
            notes.addAll(scenario.notes());
            if (probe != null) {
                waitForServerToLetGo(probe, snaps.get(0).connections());
                Thread.sleep(options.settle().toMillis());
                snaps.add(probe.snapshot("after"));
                notes.addAll(probe.notes());
            }
            ticker.shutdown();
            ticker.awaitTermination(2, TimeUnit.SECONDS);
            scenario.onSample(metrics.tick(second[0] + 1, phase));
            ReportBuilder.Header h = new ReportBuilder.Header(scenario.name(), options.endpoint().http().toString(),
                    startedAt, scenario.settings(), 1, options.settings().warmup().toMillis() / 1000.0,
                    options.settings().duration().toMillis() / 1000.0);
            boolean last = scenario instanceof PubSubScenario p && p.isFanout();
            return ReportBuilder.single(h, metrics.totals(), metrics.counters(), metrics.errors(),
                    run.ledger().states(), last, metrics.timeline(), probe == null ? null : ServerMemory.of(snaps),
                    notes, options.isChild()).withHostile(scenario.hostileSummary())
                    .withJitter(scenario.jitterSummary()).withAvalanche(scenario.avalancheSummary());
        } finally {
            ticker.shutdownNow();
        }
    }

    /** After a teardown the server needs a moment to notice every close; wait for it (at most 15 s). */
    static void waitForServerToLetGo(ServerProbe probe, double baselineConnections) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < end && !(probe.connections() <= baselineConnections)) {
            Thread.sleep(100);
        }
    }

    private String json(Sample s) {
        try {
            // One line per sample: the parent reads the child's output line by line.
            return mapper.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(Math.min(left, 100_000_000L));
        }
    }
}
