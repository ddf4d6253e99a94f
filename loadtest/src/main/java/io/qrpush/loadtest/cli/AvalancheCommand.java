package io.qrpush.loadtest.cli;

import io.qrpush.loadtest.avalanche.AvalancheScenario;
import io.qrpush.loadtest.net.Endpoint;
import io.qrpush.loadtest.scenario.Scenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code avalanche}: subscribers on history channels, all on the first of two nodes; the first
 * node is sent SIGTERM and drains, and its clients come back to the second.
 */
@Command(name = "avalanche", mixinStandardHelpOptions = true,
        description = {"C history channels (jitter:<run>.<n>) with S subscribers each, all on the first --nodes"
                + " node, and one publisher each sending R messages a second on the second node (or --publishers-node)."
                + " --stop-after into"
                + " the measured time the first node (process --stop-pid) is sent SIGTERM: it drains, and each"
                + " client comes back to the second node (after the disconnect's delay) and recovers by offset."
                + " Clients choose their node as a load balancer would: only one whose /healthz answered 200 at its"
                + " last check (--health-every).",
            "Reports when clients were told to go and came back, the peak reconnects per second (the other"
                + " node's authorizes), the time until every client was back, clients that never came back and"
                + " messages lost. Both nodes share a Redis broker, with a namespace 'jitter' with history (see"
                + " loadtest/config/loadtest.yaml). Give --duration room for the drain window and the returns."})
public final class AvalancheCommand extends ScenarioCommand {
    @Mixin
    RecoveryLoadOptions load;

    @Option(names = "--nodes", split = ",", paramLabel = "URL", required = true,
            description = "The two nodes: the one drained first, then the one its clients go to.")
    List<String> nodes = new ArrayList<>();

    @Option(names = "--publishers-node", paramLabel = "URL",
            description = "Where the publishers connect (default: the last of --nodes). A node holding every returning"
                    + " client and the publishers too may reach its limits.maxConnections: then give another node.")
    String publishersNode;

    @Option(names = "--stop-pid", required = true, paramLabel = "PID",
            description = "The process of the first node, sent SIGTERM.")
    long stopPid;

    @Option(names = "--stop-after", defaultValue = "3s", converter = DurationConverter.class,
            description = "From the start of the measured time to the SIGTERM (default: ${DEFAULT-VALUE}).")
    Duration stopAfter;

    @Override
    protected boolean needsSecret() {
        return true;
    }

    private List<Endpoint> endpoints() {
        return nodes.stream().map(Endpoint::of).toList();
    }

    @Override
    protected String problem() throws Exception {
        if (nodes.size() != 2) {
            return "--nodes needs two URLs: the node drained, then the one its clients go to";
        }
        if (publishersNode != null) {
            try {
                Endpoint.of(publishersNode);
            } catch (IllegalArgumentException e) {
                return "--publishers-node " + publishersNode + ": " + e.getMessage();
            }
        }
        String problem = load.problem("avalanche", common.processes, endpoints(), "stops a node on purpose");
        if (problem == null && ProcessHandle.of(stopPid).isEmpty()) {
            return "--stop-pid " + stopPid + ": no such process";
        }
        return problem;
    }

    @Override
    protected Scenario scenario() {
        // cutEvery is not used: nothing is cut in an avalanche.
        long pid = stopPid;
        return new AvalancheScenario(new AvalancheScenario.Settings(load.settings(Duration.ofDays(1), endpoints()),
                stopAfter, () -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy),
                publishersNode != null ? Endpoint.of(publishersNode) : endpoints().get(endpoints().size() - 1)));
    }
}
