package io.qrpush.server.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A real three-master Redis Cluster on loopback ports (no replicas), made with
 * {@code redis-cli --cluster create}, for testing the seed-list form of {@code broker.redis}.
 */
public final class RedisClusterProcesses implements AutoCloseable {
    private final List<Process> servers = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();

    public static RedisClusterProcesses start() throws Exception {
        RedisClusterProcesses c = new RedisClusterProcesses();
        try {
            return c.create();
        } catch (Exception | AssertionError e) {
            c.close();
            throw e;
        }
    }

    private RedisClusterProcesses create() throws Exception {
        RedisClusterProcesses c = this;
        Path dir = Files.createTempDirectory("qrpush-redis-cluster");
        for (int i = 0; i < 3; i++) {
            int port = freePort();
            c.ports.add(port);
            c.servers.add(new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--cluster-enabled", "yes", "--cluster-config-file", "nodes-" + port + ".conf",
                    "--save", "", "--appendonly", "no", "--dir", dir.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve(port + ".log").toFile()).start());
        }
        List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        for (int port : c.ports) {
            create.add("127.0.0.1:" + port);
        }
        create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        // Create once, after every server answers: a create that half-ran cannot be run again.
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> c.ports.stream().allMatch(RedisClusterProcesses::answers));
        int exit = run(create);
        if (exit != 0) {
            throw new IllegalStateException("redis-cli --cluster create exited with " + exit);
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> c.ports.stream().allMatch(RedisClusterProcesses::clusterOk));
        return c;
    }

    private static int run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        return p.waitFor(60, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    private static boolean answers(int port) {
        return cli(port, "ping").contains("PONG");
    }

    private static boolean clusterOk(int port) {
        return cli(port, "cluster", "info").contains("cluster_state:ok");
    }

    private static String cli(int port, String... command) {
        List<String> args = new ArrayList<>(List.of("redis-cli", "-p", Integer.toString(port)));
        args.addAll(List.of(command));
        try {
            Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor(10, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The seed list, as {@code broker.redis} takes it. */
    public String seeds() {
        List<String> uris = new ArrayList<>();
        for (int port : ports) {
            uris.add("redis://127.0.0.1:" + port);
        }
        return String.join(",", uris);
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : servers) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
