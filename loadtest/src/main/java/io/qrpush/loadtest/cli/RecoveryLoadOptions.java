package io.qrpush.loadtest.cli;

import io.qrpush.loadtest.jitter.JitterScenario;
import io.qrpush.loadtest.net.Endpoint;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of the loads whose subscribers recover history after losing their connection:
 * {@code jitter} (sockets cut) and {@code avalanche} (a node drained). Both take {@code pubsub}'s
 * shape, reconnect with the same backoff and choose their node as a balancer would.
 */
public final class RecoveryLoadOptions {
    @Mixin
    PubSubOptions shape;

    @Option(names = "--reconnect-pause", defaultValue = "500ms", converter = DurationConverter.class,
            description = "A client reconnects after a random pause up to this, doubled after each failed attempt, at"
                    + " most 5 s (default: ${DEFAULT-VALUE}); after a draining node's disconnect the first pause is"
                    + " the delay it was told.")
    Duration reconnectPause;

    @Option(names = "--health-every", defaultValue = "500ms", converter = DurationConverter.class,
            description = "How often each node's /healthz is checked, as a load balancer would: a client reconnects"
                    + " only to a node whose last check answered 200 (default: ${DEFAULT-VALUE}).")
    Duration healthEvery;

    /**
     * What is wrong with these options for {@code scenario} against {@code nodes}, or null.
     *
     * @param onPurpose what the scenario does to the nodes, said when one is not on this machine
     */
    String problem(String scenario, int processes, List<Endpoint> nodes, String onPurpose)
            throws UnknownHostException {
        if (processes > 1) {
            return scenario + " keeps each subscription's offsets in one process: drop --processes";
        }
        if (shape.channels < 1 || shape.subscribers < 1 || !(shape.rate > 0)) {
            return "--channels, --subscribers and --rate must be positive";
        }
        if (reconnectPause.isNegative() || healthEvery.isZero() || healthEvery.isNegative()) {
            return "--reconnect-pause must not be negative and --health-every must be positive";
        }
        for (Endpoint e : nodes) {
            // Only on this machine: the scenario harms the nodes on purpose.
            if (!InetAddress.getByName(e.host()).isLoopbackAddress()) {
                return scenario + " " + onPurpose + ": its nodes must be 127.0.0.0/8 addresses";
            }
        }
        return null;
    }

    /** The load these options describe, on {@code nodes}, cutting each socket about every {@code cutEvery}. */
    JitterScenario.Settings settings(Duration cutEvery, List<Endpoint> nodes) {
        return new JitterScenario.Settings(shape.channels, shape.subscribers, shape.rate, shape.payload, cutEvery,
                reconnectPause, healthEvery, nodes);
    }
}
