package io.qrpush.loadtest.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options every scenario takes. */
public final class CommonOptions {
    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080",
            description = "The server's HTTP base URL; WebSocket is ws://<same>/ws (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--appkey", defaultValue = "loadtest", description = "App to use (default: ${DEFAULT-VALUE}).")
    String appkey;

    @Option(names = "--secret", description = "The app's secret, to mint otps for publishers and phones.")
    String secret;

    @Option(names = "--api-key", description = "The app's apiKey, for the server API (ticket redemption).")
    String apiKey;

    @Option(names = "--duration", defaultValue = "30s", converter = DurationConverter.class,
            description = "Measured time, after the warm-up (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "5s", converter = DurationConverter.class,
            description = "Load before measuring; accounted for, not in latency figures (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--step", description = "Start scheduled load at its full rate instead of ramping it up from zero"
            + " over the warm-up (the ramp lets both JVMs compile their hot paths under light load).")
    boolean step;

    @Option(names = "--grace", defaultValue = "5s", converter = DurationConverter.class,
            description = "After the load stops, how long outstanding messages may still arrive before they count"
                    + " as lost (default: ${DEFAULT-VALUE}).")
    Duration grace;

    @Option(names = "--source-addresses", split = ",", paramLabel = "ADDR",
            description = "Bind client sockets to these local addresses in turn (e.g. 127.0.0.2,127.0.0.3) when one"
                    + " address runs out of ephemeral ports (~28,000 per address and server port).")
    List<String> sourceAddresses = new ArrayList<>();

    @Option(names = "--settle", defaultValue = "0s", converter = DurationConverter.class,
            description = "Wait this long after closing everything before the last memory reading (idle, churn):"
                    + " the server keeps publish guids for its dedupeWindow (120 s by default), which is not a leak"
                    + " (default: ${DEFAULT-VALUE}).")
    Duration settle;

    @Option(names = "--report-dir", defaultValue = "loadtest-reports",
            description = "Where the JSON, text and HTML reports go (default: ${DEFAULT-VALUE}).")
    Path reportDir;

    @Option(names = "--processes", defaultValue = "1",
            description = "Spread the connections over this many child JVMs, each with its own open-file limit;"
                    + " their histograms and books are merged into one report (default: ${DEFAULT-VALUE}).")
    int processes;

    @Option(names = "--threads", description = "Event-loop threads (default: one per core).")
    Integer threads;

    @Option(names = "--concurrency", defaultValue = "200",
            description = "Connection set-ups in flight at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--http-connections", defaultValue = "256",
            description = "Most HTTP connections kept open to the server at once, for login sessions and tickets"
                    + " (default: ${DEFAULT-VALUE}); calls beyond them wait, and their wait counts as latency.")
    int httpConnections;

    @Option(names = "--server-pid",
            description = "The server's process id, when it runs on this machine: memory is then read after a"
                    + " full GC forced with 'jcmd PID GC.run' (idle, churn).")
    Long serverPid;

    @Option(names = "--child", hidden = true, description = "index/count of this child process (internal).")
    String child;

    @Option(names = "--child-result", hidden = true, description = "Where a child writes its result (internal).")
    Path childResult;

    @Option(names = "--run-id", hidden = true, description = "Names the run's channels (internal).")
    String runId;
}
