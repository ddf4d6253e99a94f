package io.qrpush.loadtest.cli;

import io.qrpush.loadtest.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code pubsub}: C channels × S subscribers, one publisher each at R messages a second. */
@Command(name = "pubsub", mixinStandardHelpOptions = true,
        description = {"C channels, each with S subscribers and one publisher sending R messages a second on an"
                + " open-loop schedule. Latency runs from each message's intended send time to its receipt, so a"
                + " stalled server cannot hide behind a slower send rate. Every publish is accounted for as"
                + " delivered, refused or lost.", "Needs --secret (publishers authorize with otps)."})
public final class PubSubCommand extends ScenarioCommand {
    @Mixin
    TransportOption transport;

    @Override
    protected boolean streams() {
        return transport.stream();
    }

    @Mixin
    PubSubOptions load;

    @Override
    protected Scenario scenario() {
        return load.scenario();
    }

    @Override
    protected boolean needsSecret() {
        return true;
    }
}
