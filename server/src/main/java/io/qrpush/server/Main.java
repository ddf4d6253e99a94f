package io.qrpush.server;

import io.netty.util.ResourceLeakDetector;
import io.qrpush.server.config.ConfigException;
import io.qrpush.server.config.ConfigLoader;
import io.qrpush.server.config.DemoSettings;
import io.qrpush.server.config.QrpushConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar qrpush-server-<version>-all.jar [--config FILE]}. */
@Command(name = "qrpush-server", mixinStandardHelpOptions = true, version = "qrpush 0.1.0",
        description = "Runs a qrpush push server node (WebSocket pub/sub and scan-to-login).")
public final class Main implements Callable<Integer> {
    static final Path DEFAULT_CONFIG = Path.of("config", "qrpush.yaml");

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Configuration file (default: config/qrpush.yaml when present).")
    private Path config;

    /** The system properties (Netty's current name and its older one) by which an operator can still ask for Netty's buffer leak reports. */
    private static final String LEAK_DETECTION = "io.netty.leakDetection.level";
    private static final String LEAK_DETECTION_OLD = "io.netty.leakDetectionLevel";

    public static void main(String[] args) {
        // Netty tracks one buffer in 128 for leaks, each with a stack trace, and marks every tracked
        // buffer at every handler it passes: 2-3 % of a node's CPU at 20,000 messages a second
        // (docs/benchmarks.md, issue 27). The tests, which start the server in-process, keep it on
        // and catch leaks there; an operator turns it back on with -Dio.netty.leakDetection.level=simple.
        if (System.getProperty(LEAK_DETECTION) == null && System.getProperty(LEAK_DETECTION_OLD) == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
        Path logback = Path.of("config", "logback.xml");
        if (System.getProperty("logback.configurationFile") == null && Files.isRegularFile(logback)) {
            System.setProperty("logback.configurationFile", logback.toString());
        }
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Logger log = LoggerFactory.getLogger(Main.class);
        Path file = config != null ? config : DEFAULT_CONFIG;
        if (!Files.isRegularFile(file)) {
            System.err.println("qrpush: no configuration at " + file.toAbsolutePath()
                    + "; pass --config FILE or create config/qrpush.yaml (see docs/configuration.md)");
            return 2;
        }
        QrpushConfig cfg;
        try {
            cfg = ConfigLoader.load(file, System.getenv());
        } catch (ConfigException e) {
            System.err.println("qrpush: " + file + ": " + e.getMessage());
            return 2;
        }
        DemoSettings.warnings(cfg).forEach(w -> log.warn("{}: {}", file, w));
        PushServer server = new PushServer(cfg);
        server.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("shutting down: draining clients");
            server.close();
            stopped.countDown();
        }, "qrpush-shutdown"));
        stopped.await();
        return 0;
    }
}
