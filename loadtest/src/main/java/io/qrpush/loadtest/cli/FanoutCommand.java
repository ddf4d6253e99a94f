package io.qrpush.loadtest.cli;

import io.qrpush.loadtest.scenario.PubSubScenario;
import io.qrpush.loadtest.scenario.Scenario;
import picocli.CommandLine.Option;
import picocli.CommandLine.Command;

/** {@code fanout}: one channel, S subscribers, a publish every T ms. */
@Command(name = "fanout", mixinStandardHelpOptions = true,
        description = {"One channel with S subscribers and a publish every T ms. Reports each delivery's latency and"
                + " last_delivery: the time until the last subscriber had the message.",
            "Needs --secret (the publisher authorizes with an otp)."})
public final class FanoutCommand extends ScenarioCommand {
    @Option(names = {"-s", "--subscribers"}, defaultValue = "1000",
            description = "Subscribers of the channel (default: ${DEFAULT-VALUE}).")
    int subscribers;

    @Option(names = "--every", defaultValue = "1000", paramLabel = "MS",
            description = "Milliseconds between publishes (default: ${DEFAULT-VALUE}).")
    long everyMillis;

    @Option(names = "--payload", defaultValue = "0",
            description = "Extra bytes of padding in each message's content (default: ${DEFAULT-VALUE}).")
    int payload;

    @Override
    protected Scenario scenario() {
        return PubSubScenario.fanout(subscribers, everyMillis, payload);
    }

    @Override
    protected boolean needsSecret() {
        return true;
    }
}
