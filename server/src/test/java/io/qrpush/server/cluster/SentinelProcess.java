package io.qrpush.server.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/** A real Redis Sentinel watching one master as {@code mymaster}, for the redis-sentinel:// form. */
public final class SentinelProcess implements AutoCloseable {
    public static final String MASTER_NAME = "mymaster";
    private final Process process;
    private final int port;

    private SentinelProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static SentinelProcess watching(int masterPort) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path dir = Files.createTempDirectory("qrpush-sentinel");
        Path conf = dir.resolve("sentinel.conf");
        Files.writeString(conf, "port " + port + "\nbind 127.0.0.1\ndir " + dir + "\n"
                + "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + masterPort + " 1\n");
        Process p = new ProcessBuilder("redis-server", conf.toString(), "--sentinel").redirectErrorStream(true)
                .redirectOutput(dir.resolve("sentinel.log").toFile()).start();
        SentinelProcess sentinel = new SentinelProcess(p, port);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(sentinel::accepts);
        return sentinel;
    }

    private boolean accepts() {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The URI of the master as found through this sentinel. */
    public String uri() {
        return "redis-sentinel://127.0.0.1:" + port + "/0#" + MASTER_NAME;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
