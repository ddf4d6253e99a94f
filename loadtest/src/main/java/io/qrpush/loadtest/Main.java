package io.qrpush.loadtest;

import io.qrpush.loadtest.cli.AttackCommand;
import io.qrpush.loadtest.cli.AvalancheCommand;
import io.qrpush.loadtest.cli.ChurnCommand;
import io.qrpush.loadtest.cli.FanoutCommand;
import io.qrpush.loadtest.cli.HostileCommand;
import io.qrpush.loadtest.cli.IdleCommand;
import io.qrpush.loadtest.cli.JitterCommand;
import io.qrpush.loadtest.cli.LoginCommand;
import io.qrpush.loadtest.cli.PubSubCommand;
import io.netty.util.ResourceLeakDetector;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar qrpush-loadtest-<version>-all.jar SCENARIO [options]}. */
@Command(name = "qrpush-loadtest", mixinStandardHelpOptions = true, version = "qrpush-loadtest 0.1",
        description = "Load tester for a qrpush server: runs one scenario, prints a live progress line, then writes"
                + " a text table, a JSON file and an HTML page (latency percentiles, throughput over time).",
        subcommands = {PubSubCommand.class, FanoutCommand.class, IdleCommand.class, ChurnCommand.class, LoginCommand.class,
            HostileCommand.class, JitterCommand.class, AvalancheCommand.class, AttackCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    private static String[] arguments = new String[0];

    /** The system property by which an operator can still ask for Netty's buffer leak reports. */
    private static final String LEAK_DETECTION = "io.netty.leakDetection.level";

    public static void main(String[] args) {
        // Netty samples one buffer in 128 for leak tracking, each with a stack trace: CPU taken from
        // the server this process shares the machine with. The tests (which call run) keep it on.
        if (System.getProperty(LEAK_DETECTION) == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
        System.exit(run(args));
    }

    /** Runs the tool without exiting; returns the exit status. */
    public static int run(String... args) {
        arguments = args.clone();
        return new CommandLine(new Main()).execute(args);
    }

    /** The command line this process was started with, for its child processes. */
    public static String[] arguments() {
        return arguments.clone();
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.err);
    }
}
