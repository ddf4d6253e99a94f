package io.qrpush.loadtest.cli;

import io.qrpush.loadtest.jitter.JitterScenario;
import io.qrpush.loadtest.net.Endpoint;
import io.qrpush.loadtest.scenario.Scenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code jitter}: subscribers on history channels whose sockets are cut, recovering by offset; the
 * load's shape is {@code pubsub}'s options.
 */
@Command(name = "jitter", mixinStandardHelpOptions = true,
        description = {"C history channels (jitter:<run>.<n>), each with S subscribers and one publisher sending R"
                + " messages a second, while the load tester cuts subscribers' sockets with a TCP reset about every"
                + " --cut-every; each cut subscriber reconnects, authorizes and resubscribes with recover from the"
                + " last offset and epoch it saw. Reports delivered / published, duplicate and missing offsets,"
                + " recoveries and the replay latency.",
            "The server needs a namespace 'jitter' with history (historySize, historyTtl): see"
                + " loadtest/config/loadtest.yaml. Needs --secret (publishers authorize with otps)."})
public final class JitterCommand extends ScenarioCommand {
    @Mixin
    RecoveryLoadOptions load;

    @Option(names = "--cut-every", defaultValue = "15s", converter = DurationConverter.class,
            description = "Each subscriber's socket is cut (TCP reset) after a random time from half to one and a half"
                    + " times this (default: ${DEFAULT-VALUE}).")
    Duration cutEvery;

    @Option(names = "--nodes", split = ",", paramLabel = "URL",
            description = "Several servers of one cluster (e.g. http://127.0.0.1:8081,http://127.0.0.1:8082):"
                    + " subscribers are spread over them and reconnect to the next one, publishers take them in"
                    + " turn (default: --url alone).")
    List<String> nodes = new ArrayList<>();

    @Override
    protected boolean needsSecret() {
        return true;
    }

    private List<Endpoint> endpoints() {
        List<String> urls = nodes.isEmpty() ? List.of(common.url) : nodes;
        return urls.stream().map(Endpoint::of).toList();
    }

    @Override
    protected String problem() throws Exception {
        if (cutEvery.isZero() || cutEvery.isNegative()) {
            return "--cut-every must be positive";
        }
        return load.problem("jitter", common.processes, endpoints(), "cuts connections on purpose");
    }

    @Override
    protected Scenario scenario() {
        return new JitterScenario(load.settings(cutEvery, endpoints()));
    }
}
