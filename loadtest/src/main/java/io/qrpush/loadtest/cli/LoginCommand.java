package io.qrpush.loadtest.cli;

import io.qrpush.loadtest.scenario.LoginScenario;
import io.qrpush.loadtest.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code login}: scan-to-login flows at a target rate. */
@Command(name = "login", mixinStandardHelpOptions = true,
        description = {"Scan-to-login flows started at --rate a second (open loop): create the session over HTTP,"
                + " PC connects and subscribes with the token, phone connects with a fresh otp (pub login:*) and"
                + " publishes scan then confirm, PC receives confirmed with a ticket, the backend redeems it."
                + " Latency of each step and of the whole flow; failed flows by step and reason.",
            "Needs --secret (phone otps) and --api-key (ticket redemption). The server's login.createPerMinute"
                + " limits sessions per client IP: raise it for a load test."})
public final class LoginCommand extends ScenarioCommand {
    @Mixin
    TransportOption transport;

    @Override
    protected boolean streams() {
        return transport.stream();
    }

    @Option(names = {"-r", "--rate"}, defaultValue = "100", description = "Flows a second (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--origin", description = "Origin header of the PC page's session creation (default: none, as a"
            + " native app).")
    String origin;

    @Override
    protected Scenario scenario() {
        return new LoginScenario(rate, origin);
    }

    @Override
    protected boolean needsSecret() {
        return true;
    }
}
