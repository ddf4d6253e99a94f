package io.qrpush.loadtest.cli;

import io.qrpush.loadtest.Main;
import io.qrpush.loadtest.net.Endpoint;
import io.qrpush.loadtest.report.ReportFiles;
import io.qrpush.loadtest.report.RunReport;
import io.qrpush.loadtest.report.TextReport;
import io.qrpush.loadtest.run.Children;
import io.qrpush.loadtest.run.FdBudget;
import io.qrpush.loadtest.run.RunOptions;
import io.qrpush.loadtest.run.Runner;
import io.qrpush.loadtest.scenario.RunSettings;
import io.qrpush.loadtest.scenario.Scenario;
import io.qrpush.loadtest.scenario.Slice;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/**
 * What every scenario command does with its scenario: check the options and the open-file
 * budget, run it here or over child processes, write the reports and print the table. Exit
 * status: 0 when nothing was lost, refused or failed; 1 when the report shows any of that;
 * 2 for bad options.
 */
public abstract class ScenarioCommand implements Callable<Integer> {
    @Mixin
    protected CommonOptions common;

    /** The scenario these options describe. */
    protected abstract Scenario scenario() throws Exception;

    /** Whether the scenario mints otps (needs {@code --secret}). */
    protected boolean needsSecret() {
        return false;
    }

    /** Whether the scenario's clients use HTTP streaming ({@code --transport stream}) instead of WebSocket. */
    protected boolean streams() {
        return false;
    }

    /** What is wrong with this scenario's options beyond what picocli checks, or null. */
    protected String problem() throws Exception {
        return null;
    }

    @Override
    public Integer call() throws Exception {
        PrintStream err = System.err;
        if (needsSecret() && common.secret == null) {
            err.println("qrpush-loadtest: " + getClass().getSimpleName().replace("Command", "").toLowerCase()
                    + " needs --secret (the app's secret) to mint otps");
            return 2;
        }
        String problem = problem();
        if (problem != null) {
            err.println("qrpush-loadtest: " + problem);
            return 2;
        }
        Scenario scenario = scenario();
        Slice slice = parseSlice(common.child);
        int processes = common.childResult != null ? 1 : Math.max(1, common.processes);
        long total = scenario.socketsNeeded(Slice.WHOLE);
        long mine = processes > 1 ? scenario.socketsNeeded(new Slice(0, processes)) : scenario.socketsNeeded(slice);
        if (processes == 1) {
            String tooMany = FdBudget.check(mine, total, processes);
            if (tooMany != null) {
                err.println("qrpush-loadtest: " + tooMany);
                return 2;
            }
        }
        Endpoint endpoint = streams() ? Endpoint.of(common.url).streaming() : Endpoint.of(common.url);
        RunOptions options = new RunOptions(endpoint, settings(slice), sources(),
                common.threads != null ? common.threads : Runtime.getRuntime().availableProcessors(),
                common.serverPid, common.reportDir, processes, common.childResult, common.httpConnections,
                common.settle);
        RunReport report;
        if (processes > 1) {
            report = new Children(scenario, options, childArgs(), ReportFiles.mapper(), err).run();
        } else {
            report = new Runner(scenario, options, ReportFiles.mapper(), err).run();
        }
        if (options.isChild()) {
            ReportFiles.mapper().writeValue(options.childResult().toFile(), report);
            return 0;
        }
        String table = TextReport.render(report);
        System.out.println();
        System.out.print(table);
        for (Path p : ReportFiles.write(report.withoutLedger(), common.reportDir)) {
            System.out.println("report: " + p.toAbsolutePath());
        }
        return clean(report) ? 0 : 1;
    }

    /**
     * Nothing lost, refused, duplicated or failed; in a hostile run, the node healthy throughout and
     * after; in a jitter run, no offset repeated, skipped or stated lost.
     */
    static boolean clean(RunReport r) {
        boolean books = r.accounting() == null || (r.accounting().lost() == 0 && r.accounting().refused() == 0
                && r.accounting().duplicates() == 0);
        return books && r.totalErrors() == 0 && (r.hostile() == null || r.hostile().healthy())
                && (r.jitter() == null || r.jitter().clean());
    }

    private RunSettings settings(Slice slice) {
        String runId = common.runId != null ? common.runId
                : Long.toString(System.currentTimeMillis() % 100_000_000L, 36) + Integer.toString(
                        (int) (Math.random() * 1296), 36);
        return new RunSettings(common.appkey, common.secret, common.apiKey, common.duration, common.warmup,
                !common.step, common.grace, common.concurrency, runId, slice);
    }

    private static Slice parseSlice(String child) {
        if (child == null) {
            return Slice.WHOLE;
        }
        String[] p = child.split("/");
        return new Slice(Integer.parseInt(p[0]), Integer.parseInt(p[1]));
    }

    private List<InetAddress> sources() throws java.net.UnknownHostException {
        List<InetAddress> out = new ArrayList<>();
        for (String s : common.sourceAddresses) {
            out.add(InetAddress.getByName(s.trim()));
        }
        return out;
    }

    /** The command line again, for the children, without {@code --processes}. */
    private static List<String> childArgs() {
        List<String> out = new ArrayList<>();
        String[] args = Main.arguments();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--processes")) {
                i++;
            } else if (!args[i].startsWith("--processes=")) {
                out.add(args[i]);
            }
        }
        return out;
    }
}
