package io.qrpush.loadtest.cli;

import io.qrpush.loadtest.scenario.PubSubScenario;
import io.qrpush.loadtest.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pubsub}: C channels × S subscribers, one publisher each at R messages a second. */
@Command(name = "pubsub", mixinStandardHelpOptions = true,
        description = {"C channels, each with S subscribers and one publisher sending R messages a second on an"
                + " open-loop schedule. Latency runs from each message's intended send time to its receipt, so a"
                + " stalled server cannot hide behind a slower send rate. Every publish is accounted for as"
                + " delivered, refused or lost.", "Needs --secret (publishers authorize with otps)."})
public final class PubSubCommand extends ScenarioCommand {
    @Option(names = {"-c", "--channels"}, defaultValue = "100", description = "Channels (default: ${DEFAULT-VALUE}).")
    int channels;

    @Option(names = {"-s", "--subscribers"}, defaultValue = "1",
            description = "Subscribers per channel; 1 is the scan-to-login shape (default: ${DEFAULT-VALUE}).")
    int subscribers;

    @Option(names = {"-r", "--rate"}, defaultValue = "1",
            description = "Messages a second per channel (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--payload", defaultValue = "0",
            description = "Extra bytes of padding in each message's content (default: ${DEFAULT-VALUE}).")
    int payload;

    @Override
    protected Scenario scenario() {
        return PubSubScenario.pubsub(channels, subscribers, rate, payload);
    }

    @Override
    protected boolean needsSecret() {
        return true;
    }
}
