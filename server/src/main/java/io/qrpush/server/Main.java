package io.qrpush.server;

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

    public static void main(String[] args) {
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
