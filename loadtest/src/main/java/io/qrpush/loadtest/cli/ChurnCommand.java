package io.qrpush.loadtest.cli;

import io.qrpush.loadtest.scenario.ChurnScenario;
import io.qrpush.loadtest.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code churn}: connects, subscribes and disconnects at a target rate during a pubsub load. */
@Command(name = "churn", mixinStandardHelpOptions = true,
        description = {"Connections that connect, authorize, subscribe to one of the pubsub channels, stay --hold"
                + " and close, started at --connect-rate a second (open loop), while a pubsub load of --channels"
                + " channels at --rate runs. Reports connect latency, errors, every publish's fate, and the"
                + " server's memory and connection count before and after: they should be back at baseline.",
            "Needs --secret (publishers authorize with otps)."})
public final class ChurnCommand extends ScenarioCommand {
    @Option(names = {"-c", "--channels"}, defaultValue = "500",
            description = "Pubsub channels, one subscriber each (default: ${DEFAULT-VALUE}).")
    int channels;

    @Option(names = {"-r", "--rate"}, defaultValue = "1",
            description = "Messages a second per pubsub channel (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--connect-rate", defaultValue = "100",
            description = "Churned connections started a second (default: ${DEFAULT-VALUE}).")
    double connectRate;

    @Option(names = "--hold", defaultValue = "1000", paramLabel = "MS",
            description = "How long each churned connection stays (default: ${DEFAULT-VALUE} ms).")
    long holdMillis;

    @Override
    protected Scenario scenario() {
        return new ChurnScenario(channels, rate, connectRate, holdMillis);
    }

    @Override
    protected boolean needsSecret() {
        return true;
    }
}
