package io.qrpush.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable jar as an operator starts it ({@code java -jar qrpush-server-*-all.jar}), built in
 * the package phase before failsafe runs: start-up, SIGTERM drain, {@code --help} and config errors.
 */
class RunnableJarIT {
    private static final Pattern SERVING = Pattern.compile("serving on http://([^:\\s]+):(\\d+)");
    private static final long WAIT_SECONDS = 30;

    @TempDir
    Path dir;
    private final List<Process> processes = new ArrayList<>();
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final Map<Process, Thread> readers = new HashMap<>();

    @AfterEach
    void stop() throws Exception {
        for (Process p : processes) {
            p.destroyForcibly().waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }

    private static Path jar() throws IOException {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of("target"), "qrpush-server-*-all.jar")) {
            for (Path p : jars) {
                return p.toAbsolutePath();
            }
        }
        throw new AssertionError("no target/qrpush-server-*-all.jar: run mvn verify (package builds it first)");
    }

    /** Starts the jar in the temp directory (so no config/ of the source tree is picked up). */
    private Process run(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:TieredStopAtLevel=1", "-jar", jar().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("QRPUSH_"));
        Process p = pb.start();
        processes.add(p);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    output.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "jar-output");
        reader.setDaemon(true);
        reader.start();
        readers.put(p, reader);
        return p;
    }

    private Path config(String yaml) throws IOException {
        return Files.writeString(dir.resolve("qrpush.yaml"), yaml);
    }

    private String allOutput() {
        return String.join("\n", output);
    }

    @Test
    void sigtermDrainsClientsWith1001AndTheProcessExits() throws Exception {
        Path cfg = config("""
                server:
                  host: 127.0.0.1
                  port: 0
                limits:
                  authorizeTimeout: 5s
                apps:
                  - appkey: jar-app
                    secret: jar-secret-0123456789abcdef
                    apiKey: jar-apikey-0123456789abcdef
                    allowedOrigins: ["http://jar.example:8000"]
                """);
        Process p = run("--config", cfg.toString());
        int port = -1;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (port < 0 && System.nanoTime() < deadline && p.isAlive()) {
            for (String line : output) {
                Matcher m = SERVING.matcher(line);
                if (m.find()) {
                    assertThat(m.group(1)).isEqualTo("127.0.0.1");
                    port = Integer.parseInt(m.group(2));
                }
            }
            p.waitFor(50, TimeUnit.MILLISECONDS);
        }
        assertThat(port).as("no 'serving on' line in:\n%s", allOutput()).isPositive();
        try (WsClient c = WsClient.connect(URI.create("ws://127.0.0.1:" + port + "/ws"), "http://jar.example:8000")) {
            c.requestOk("{\"op\":\"authorize\",\"id\":1,\"appkey\":\"jar-app\"}");
            // SIGTERM, as Process.destroy() sends, but through the handle: destroy() also closes our end of
            // the output pipe, and the drain's log lines would be lost.
            assertThat(p.toHandle().destroy()).isTrue();
            JsonNode d = c.next("disconnect");
            assertThat(d.path("code").asInt()).isEqualTo(1001);
            assertThat(d.path("reconnect").asBoolean()).isTrue();
            assertThat(c.awaitClose()).isEqualTo(1001);
        }
        assertThat(p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).as("exited after SIGTERM:\n%s", allOutput()).isTrue();
        awaitOutputEnd(p);
        // A JVM ended by SIGTERM exits 128 + 15 once its shutdown hook (the drain) has run.
        assertThat(p.exitValue()).isEqualTo(143);
        assertThat(allOutput()).contains("shutting down", "draining 1 connections");
    }

    @Test
    void helpPrintsUsageAndExitsZero() throws Exception {
        Process p = run("--help");
        assertThat(p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        awaitOutputEnd(p);
        assertThat(allOutput()).contains("Usage", "qrpush-server", "--config");
    }

    @Test
    void aConfigWithAnUnknownKeyAndABadDurationExitsNonZeroNamingBoth() throws Exception {
        Path cfg = config("""
                server:
                  port: 0
                limits:
                  idleTimeot: 60s
                  pingInterval: 25 seconds
                apps:
                  - appkey: jar-app
                    secret: jar-secret-0123456789abcdef
                    apiKey: jar-apikey-0123456789abcdef
                """);
        Process p = run("--config", cfg.toString());
        assertThat(p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        awaitOutputEnd(p);
        assertThat(p.exitValue()).as(allOutput()).isNotZero();
        assertThat(allOutput()).contains("limits.idleTimeot", "limits.pingInterval").doesNotContain("serving on");
        assertThat(allOutput()).as("secrets stay out of error output").doesNotContain("jar-secret", "jar-apikey");
    }

    /** The reader may lag the exit by a moment; the end of the stream is the real end. */
    private void awaitOutputEnd(Process p) throws InterruptedException {
        readers.get(p).join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    }
}
