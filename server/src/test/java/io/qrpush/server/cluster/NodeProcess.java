package io.qrpush.server.cluster;

import io.qrpush.server.it.TestServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A qrpush node as its own JVM, run from the packaged {@code -all} jar on port 0 with the test
 * apps and a Redis broker, so a test can kill it as the kernel would (SIGKILL).
 */
public final class NodeProcess implements AutoCloseable {
    private static final Pattern SERVING = Pattern.compile("serving on http://[^:]+:(\\d+)");

    private final Process process;
    private final int port;

    private NodeProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static NodeProcess start(String redisUri) throws Exception {
        return start(redisUri, "");
    }

    /** @param moreYaml top-level configuration keys added to the node's (limits, namespaces) */
    public static NodeProcess start(String redisUri, String moreYaml) throws Exception {
        Path config = Files.createTempFile("qrpush-node", ".yaml");
        Files.writeString(config, """
                server: {host: 127.0.0.1, port: 0}
                broker: {type: redis, redis: "%s"}
                apps:
                  - appkey: %s
                    secret: %s
                    apiKey: %s
                    allowedOrigins: ["%s"]
                    qrUrl: https://a.example/qr?k={key}
                """.formatted(redisUri, TestServer.APP_A, TestServer.SECRET_A, TestServer.API_KEY_A,
                TestServer.ORIGIN_A) + moreYaml);
        Process p = new ProcessBuilder("java", "-Xmx256m", "-jar", jar().toString(), "--config", config.toString())
                .redirectErrorStream(true).start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    Matcher m = SERVING.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
                port.completeExceptionally(new IllegalStateException("node exited before serving"));
            } catch (IOException e) {
                port.completeExceptionally(e);
            }
        }, "node-process-log");
        reader.setDaemon(true);
        reader.start();
        return new NodeProcess(p, port.get(30, TimeUnit.SECONDS));
    }

    /** The runnable jar the package phase built (failsafe runs after it). */
    static Path jar() throws IOException {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of("target"), "qrpush-server-*-all.jar")) {
            for (Path j : jars) {
                return j;
            }
        }
        throw new IllegalStateException("no server/target/qrpush-server-*-all.jar: run mvn verify, not just the ITs");
    }

    public URI wsUri() {
        return URI.create("ws://127.0.0.1:" + port + "/ws");
    }

    /** SIGSTOP: the node stalls (as in a long GC pause) with its connections open. */
    public void pause() throws Exception {
        signal("STOP");
    }

    /** SIGCONT after {@link #pause()}. */
    public void resume() throws Exception {
        signal("CONT");
    }

    private void signal(String name) throws Exception {
        int exit = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("kill -" + name + " failed with " + exit);
        }
    }

    /** SIGKILL: no drain, no goodbye. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
