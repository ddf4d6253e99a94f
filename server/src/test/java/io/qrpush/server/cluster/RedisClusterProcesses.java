package io.qrpush.server.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A real Redis Cluster on loopback ports, made with {@code redis-cli --cluster create}: three
 * masters, each with one replica, so a master can be killed and its replica promoted. One
 * cluster serves every test class of the JVM ({@link #shared()}): starting one costs seconds,
 * and a slot moved or a master failed over leaves it a working cluster for the next test.
 */
public final class RedisClusterProcesses implements AutoCloseable {
    /** Short, so a killed master's replica takes over within seconds instead of the default 15. */
    private static final int NODE_TIMEOUT_MILLIS = 2000;
    private static RedisClusterProcesses shared;

    private final Map<Integer, Process> servers = new LinkedHashMap<>();

    /** The JVM's cluster, started on first use and stopped when the JVM exits. */
    public static synchronized RedisClusterProcesses shared() throws Exception {
        if (shared == null) {
            RedisClusterProcesses c = new RedisClusterProcesses();
            try {
                c.create(3, 1);
            } catch (Exception | AssertionError e) {
                c.close();
                throw e;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    c.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            shared = c;
        }
        return shared;
    }

    private void create(int masters, int replicasEach) throws Exception {
        Path dir = Files.createTempDirectory("qrpush-redis-cluster");
        for (int i = 0; i < masters * (1 + replicasEach); i++) {
            int port = freePort();
            servers.put(port, new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--cluster-enabled", "yes", "--cluster-config-file", "nodes-" + port + ".conf",
                    "--cluster-node-timeout", Integer.toString(NODE_TIMEOUT_MILLIS),
                    "--save", "", "--appendonly", "no", "--dir", dir.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve(port + ".log").toFile()).start());
        }
        List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        for (int port : servers.keySet()) {
            create.add("127.0.0.1:" + port);
        }
        create.addAll(List.of("--cluster-replicas", Integer.toString(replicasEach), "--cluster-yes"));
        // Create once, after every server answers: a create that half-ran cannot be run again.
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> servers.keySet().stream().allMatch(p -> cli(p, "ping").contains("PONG")));
        int exit = run(create);
        if (exit != 0) {
            throw new IllegalStateException("redis-cli --cluster create exited with " + exit);
        }
        awaitHealthy();
    }

    /** Every live server says the cluster is ok and knows every other live one. */
    public void awaitHealthy() {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> servers.keySet().stream().allMatch(p -> cli(p, "cluster", "info").contains("cluster_state:ok")));
    }

    /** The port of the master that owns {@code slot} now, as a live server sees it. */
    public int masterOf(int slot) {
        for (String line : cli(anyPort(), "cluster", "nodes").split("\n")) {
            String[] f = line.trim().split(" ");
            if (f.length < 9 || !f[2].contains("master") || f[2].contains("fail")) {
                continue;
            }
            for (int i = 8; i < f.length; i++) {
                String[] range = f[i].split("-");
                if (range[0].startsWith("[")) {
                    continue;
                }
                int from = Integer.parseInt(range[0]);
                int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
                if (slot >= from && slot <= to) {
                    return Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1, f[1].indexOf('@')));
                }
            }
        }
        throw new IllegalStateException("no master owns slot " + slot);
    }

    /** Another live master than the one on {@code port}. */
    public int otherMaster(int port) {
        for (int p : servers.keySet()) {
            if (p != port && cli(p, "role").startsWith("master")) {
                return p;
            }
        }
        throw new IllegalStateException("no other master");
    }

    /** Moves the first {@code slots} slots of one master to another with {@code redis-cli --cluster reshard}. */
    public void reshard(int fromPort, int toPort, int slots) throws Exception {
        int exit = run(List.of("redis-cli", "--cluster", "reshard", "127.0.0.1:" + fromPort,
                "--cluster-from", nodeId(fromPort), "--cluster-to", nodeId(toPort),
                "--cluster-slots", Integer.toString(slots), "--cluster-yes"));
        if (exit != 0) {
            throw new IllegalStateException("redis-cli --cluster reshard exited with " + exit);
        }
    }

    /** How many shard channels the masters hold subscriptions on, summed. */
    public int shardChannelCount() {
        int n = 0;
        for (int p : servers.keySet()) {
            if (cli(p, "role").startsWith("master")) {
                n += (int) cli(p, "pubsub", "shardchannels").lines().filter(l -> !l.isBlank()).count();
            }
        }
        return n;
    }

    /** SIGKILLs the server on {@code port}; the others go on. */
    public void kill(int port) throws InterruptedException {
        Process p = servers.remove(port);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
    }

    private String nodeId(int port) {
        return cli(port, "cluster", "myid").trim();
    }

    private int anyPort() {
        return servers.keySet().iterator().next();
    }

    private static int run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        return p.waitFor(60, TimeUnit.SECONDS) ? p.exitValue() : -1;
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

    /** The seed list, as {@code broker.redis} takes it: every live server. */
    public String seeds() {
        List<String> uris = new ArrayList<>();
        for (int port : servers.keySet()) {
            uris.add("redis://127.0.0.1:" + port);
        }
        return String.join(",", uris);
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : servers.values()) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
