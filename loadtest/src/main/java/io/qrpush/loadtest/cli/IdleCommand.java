package io.qrpush.loadtest.cli;

import io.qrpush.loadtest.scenario.IdleScenario;
import io.qrpush.loadtest.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code idle}: N authorized, subscribed connections held; the server's memory per connection. */
@Command(name = "idle", mixinStandardHelpOptions = true,
        description = {"Holds N connections, each authorized anonymously and subscribed to a channel of its own,"
                + " for the duration, and reports the server's memory per connection from its /metrics: heap,"
                + " non-heap, direct buffers and resident set, before connecting, while held, and after closing.",
            "Give --server-pid when the server runs on this machine, so heap is read after a forced full GC."})
public final class IdleCommand extends ScenarioCommand {
    @Option(names = {"-n", "--connections"}, defaultValue = "1000",
            description = "Connections to hold (default: ${DEFAULT-VALUE}).")
    int connections;

    @Override
    protected Scenario scenario() {
        return new IdleScenario(connections);
    }
}
