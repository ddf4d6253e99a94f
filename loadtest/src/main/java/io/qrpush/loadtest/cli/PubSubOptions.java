package io.qrpush.loadtest.cli;

import io.qrpush.loadtest.scenario.PubSubScenario;
import picocli.CommandLine.Option;

/**
 * The shape of a pubsub load: {@code pubsub} runs it alone, {@code hostile} under attack, {@code jitter} and
 * {@code avalanche} on history channels ({@link RecoveryLoadOptions}).
 */
public final class PubSubOptions {
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

    PubSubScenario scenario() {
        return PubSubScenario.pubsub(channels, subscribers, rate, payload);
    }
}
