package io.qrpush.loadtest.cli;

import io.qrpush.loadtest.hostile.AttackPlan;
import io.qrpush.loadtest.net.Endpoint;
import io.qrpush.loadtest.run.FdBudget;
import io.qrpush.loadtest.scenario.HostileScenario;
import io.qrpush.loadtest.scenario.Scenario;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hostile}: the pubsub load while another process attacks the server from other addresses. */
@Command(name = "hostile", mixinStandardHelpOptions = true,
        description = {"The pubsub load (same options) from the legitimate clients' address while a second process"
                + " attacks the server from other 127/8 addresses: slowloris heads, half-sent bodies and a"
                + " connection flood, from --attack-after into the measured time for --attack-for; then it lets go."
                + " /healthz is probed from --probe-address throughout. Reports the legitimate latency before,"
                + " during and after the attack, every publish's fate, the probes, how soon the node was healthy"
                + " again, and what became of the attack's sockets.",
            "Only against a server on this machine (127.0.0.0/8). Needs --secret (publishers authorize with otps)."})
public final class HostileCommand extends ScenarioCommand {
    @Mixin
    PubSubOptions load;

    @Mixin
    AttackOptions attack;

    @Option(names = "--attack-after", defaultValue = "5s", converter = DurationConverter.class,
            description = "Measured time before the attack begins: the run's own baseline (default: ${DEFAULT-VALUE}).")
    Duration attackAfter;

    @Option(names = "--probe-address", defaultValue = "127.0.0.254",
            description = "Local address the /healthz probes come from (default: ${DEFAULT-VALUE}).")
    String probeAddress;

    @Option(names = "--probe-every", defaultValue = "250ms", converter = DurationConverter.class,
            description = "How often /healthz is probed, each time on a new connection (default: ${DEFAULT-VALUE}).")
    Duration probeEvery;

    @Option(names = "--probe-timeout", defaultValue = "1s", converter = DurationConverter.class,
            description = "A probe not answered 200 within this fails (default: ${DEFAULT-VALUE}).")
    Duration probeTimeout;

    @Option(names = "--recovery-target", defaultValue = "5s", converter = DurationConverter.class,
            description = "The node must be healthy again this soon after the attack lets go; the measured time"
                    + " must leave at least this much after the attack (default: ${DEFAULT-VALUE}).")
    Duration recoveryTarget;

    @Override
    protected boolean needsSecret() {
        return true;
    }

    @Override
    protected String problem() throws Exception {
        if (!InetAddress.getByName(Endpoint.of(common.url).host()).isLoopbackAddress()) {
            return "hostile attacks only a server on this machine: --url must be a 127.0.0.0/8 address";
        }
        if (common.processes > 1) {
            return "hostile runs its legitimate load in one process (the attack has its own): drop --processes";
        }
        AttackPlan plan;
        try {
            plan = attack.plan();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        if (probeEvery.isZero() || probeEvery.isNegative() || probeTimeout.isZero() || probeTimeout.isNegative()) {
            return "--probe-every and --probe-timeout must be positive";
        }
        if (common.duration.compareTo(attackAfter.plus(plan.attackFor()).plus(recoveryTarget)) < 0) {
            return "--duration must cover --attack-after + --attack-for + --recovery-target (the measured time holds"
                    + " the baseline, the attack and the recovery)";
        }
        InetAddress probe = InetAddress.getByName(probeAddress);
        Set<InetAddress> legit = new HashSet<>(Set.of(InetAddress.getByName("127.0.0.1"), probe));
        for (String s : common.sourceAddresses) {
            legit.add(InetAddress.getByName(s.trim()));
        }
        if (!probe.isLoopbackAddress() || plan.addresses().stream().anyMatch(legit::contains)) {
            return "--attack-addresses must not include 127.0.0.1, --source-addresses or --probe-address (a 127/8"
                    + " address), so that per-address limits on the server fall on the attack alone";
        }
        long limit = FdBudget.limit();
        // The attacking process is a new JVM with this one's limit and a few dozen files of its own.
        if (limit >= 0 && plan.total() > FdBudget.connectionsPossible(limit, 64)) {
            return String.format("the attack holds %,d sockets at once, more than one process can open under its"
                    + " open-file limit of %,d (ulimit -n): lower --flood", plan.total(), limit);
        }
        return null;
    }

    @Override
    protected Scenario scenario() throws Exception {
        return new HostileScenario(load.scenario(), new HostileScenario.Settings(common.url, attack.plan(), attackAfter,
                InetAddress.getByName(probeAddress), probeEvery, probeTimeout, recoveryTarget), System.err);
    }
}
