package io.qrpush.loadtest.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.qrpush.loadtest.metrics.Sample;
import io.qrpush.loadtest.report.ReportBuilder;
import io.qrpush.loadtest.report.RunReport;
import io.qrpush.loadtest.report.ServerMemory;
import io.qrpush.loadtest.scenario.MemorySnapshot;
import io.qrpush.loadtest.scenario.PubSubScenario;
import io.qrpush.loadtest.scenario.Scenario;
import io.qrpush.loadtest.scenario.ServerProbe;
import io.qrpush.loadtest.net.ClientLoop;
import io.qrpush.loadtest.net.ServerApi;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;

/**
 * Spreads a run over child JVMs, each with its own open-file limit and its share of the load:
 * starts them, lets them all start their load at once, merges their per-second samples into one
 * progress line, measures the server's memory while they hold their connections, and merges
 * their results (histograms in HdrHistogram's encoded form, channel books by channel).
 */
public final class Children {
    private final Scenario scenario;
    private final RunOptions options;
    private final List<String> childArgs;
    private final ObjectMapper mapper;
    private final PrintStream err;
    private final Map<Integer, List<Sample>> pending = new TreeMap<>();
    private final List<Sample> timeline = new ArrayList<>();
    private final ProgressPrinter printer;

    /** {@code childArgs}: the command line to repeat in each child, without {@code --processes}. */
    public Children(Scenario scenario, RunOptions options, List<String> childArgs, ObjectMapper mapper, PrintStream err) {
        this.scenario = scenario;
        this.options = options;
        this.childArgs = childArgs;
        this.mapper = mapper;
        this.err = err;
        this.printer = new ProgressPrinter(err, scenario.newMetrics().primary());
    }

    public RunReport run() throws Exception {
        int n = options.processes();
        String startedAt = Instant.now().toString();
        List<MemorySnapshot> snaps = new ArrayList<>();
        try (ClientLoop loop = new ClientLoop(options.endpoint(), List.of(), 1, key -> { });
             ServerApi api = new ServerApi(loop, mapper)) {
            ServerProbe probe = scenario.measuresMemory() ? new ServerProbe(api, options.serverPid()) : null;
            if (probe != null) {
                snaps.add(probe.snapshot("baseline"));
            }
            Path dir = Files.createTempDirectory("qrpush-loadtest-children");
            CountDownLatch ready = new CountDownLatch(n);
            CountDownLatch held = new CountDownLatch(n);
            List<Process> procs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Process p = start(i, dir.resolve("child-" + i + ".json"));
                procs.add(p);
                int index = i;
                Thread t = new Thread(() -> follow(index, p, ready, held), "loadtest-child-" + i);
                t.setDaemon(true);
                t.start();
            }
            ready.await();
            err.println("all " + n + " processes connected: starting the load");
            tellAll(procs, "GO");
            held.await();
            if (probe != null) {
                snaps.add(probe.snapshot("loaded"));
            }
            tellAll(procs, "CLOSE");
            List<RunReport> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int code = procs.get(i).waitFor();
                Path result = dir.resolve("child-" + i + ".json");
                if (code != 0 || !Files.exists(result)) {
                    throw new IllegalStateException("load-test process " + i + " failed (exit " + code + ")");
                }
                results.add(mapper.readValue(result.toFile(), RunReport.class));
            }
            List<String> notes = new ArrayList<>();
            if (probe != null) {
                Runner.waitForServerToLetGo(probe, snaps.get(0).connections());
                Thread.sleep(options.settle().toMillis());
                snaps.add(probe.snapshot("after"));
                notes.addAll(probe.notes());
            }
            ReportBuilder.Header h = new ReportBuilder.Header(scenario.name(), options.endpoint().http().toString(),
                    startedAt, scenario.settings(), n, options.settings().warmup().toMillis() / 1000.0,
                    options.settings().duration().toMillis() / 1000.0);
            boolean last = scenario instanceof PubSubScenario p && p.isFanout();
            synchronized (this) {
                return ReportBuilder.merge(h, results, last, List.copyOf(timeline),
                        probe == null ? null : ServerMemory.of(snaps), notes);
            }
        }
    }

    /** The command that starts this tool again in a new JVM with this one's options, up to its own arguments. */
    static List<String> javaCommand() {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("io.qrpush.loadtest.Main");
        return cmd;
    }

    private Process start(int index, Path result) throws Exception {
        List<String> cmd = javaCommand();
        cmd.addAll(childArgs);
        cmd.add("--child=" + index + "/" + options.processes());
        cmd.add("--child-result=" + result);
        cmd.add("--run-id=" + options.settings().runId());
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private void follow(int index, Process p, CountDownLatch ready, CountDownLatch held) {
        boolean saidReady = false;
        boolean saidHeld = false;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith(ChildLink.PREFIX + "READY")) {
                    saidReady = true;
                    ready.countDown();
                } else if (line.startsWith(ChildLink.PREFIX + "HELD")) {
                    saidHeld = true;
                    held.countDown();
                } else if (line.startsWith(ChildLink.PREFIX + "SAMPLE ")) {
                    sample(mapper.readValue(line.substring(ChildLink.PREFIX.length() + 7), Sample.class));
                } else {
                    err.println("[process " + index + "] " + line);
                }
            }
        } catch (Exception e) {
            err.println("[process " + index + "] lost: " + e);
        } finally {
            // A child that died must not leave the parent waiting for ever.
            if (!saidReady) {
                ready.countDown();
            }
            if (!saidHeld) {
                held.countDown();
            }
        }
    }

    /** Prints and keeps a second once every child has reported it. */
    private synchronized void sample(Sample s) {
        List<Sample> same = pending.computeIfAbsent(s.second(), k -> new ArrayList<>());
        same.add(s);
        if (same.size() == options.processes()) {
            pending.remove(s.second());
            Sample merged = ReportBuilder.mergeSamples(same);
            printer.print(merged);
            timeline.add(merged.withoutHistogram());
        }
    }

    private static void tellAll(List<Process> procs, String word) {
        for (Process p : procs) {
            try {
                p.getOutputStream().write((word + "\n").getBytes(StandardCharsets.UTF_8));
                p.getOutputStream().flush();
            } catch (java.io.IOException e) {
                // That child is gone; its exit status tells.
            }
        }
    }
}
