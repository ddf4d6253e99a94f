package io.qrpush.loadtest.jitter;

import io.qrpush.loadtest.net.Endpoint;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * What a load balancer in front of the nodes knows of them: it asks each node's
 * {@code GET /healthz} every {@code every} and keeps in rotation only the nodes whose last check
 * answered 200 within {@link #TIMEOUT} (one failed check takes a node out, one good one puts it
 * back, as nginx's {@code fails=1 passes=1}). A draining node answers 503 at once
 * (docs/protocol.md section 2), so a client that reconnects through the balancer never reaches it
 * after the next check. Each node has its own thread, so a slow node delays only its own checks.
 */
public final class NodeHealth implements AutoCloseable {
    /** How long a check may take before it counts as failed. */
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final List<Endpoint> nodes;
    private final Duration every;
    /** Per node: 1 in rotation, 0 out. */
    private final AtomicIntegerArray inRotation;
    private final HttpClient http;
    private final ScheduledExecutorService checks;

    public NodeHealth(List<Endpoint> nodes, Duration every) {
        this.nodes = List.copyOf(nodes);
        this.every = every;
        this.inRotation = new AtomicIntegerArray(nodes.size());
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(nodes.size(), r -> {
            Thread t = new Thread(r, "healthz-check");
            t.setDaemon(true);
            return t;
        });
        pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.checks = pool;
    }

    /** Checks every node once now, so that the rotation starts from what they answer, then every {@code every}. */
    public void start() {
        for (int i = 0; i < nodes.size(); i++) {
            check(i);
            int node = i;
            checks.scheduleWithFixedDelay(() -> check(node), every.toNanos(), every.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void check(int node) {
        inRotation.set(node, answersOk(nodes.get(node)) ? 1 : 0);
    }

    private boolean answersOk(Endpoint node) {
        HttpRequest ask = HttpRequest.newBuilder(node.path("/healthz")).timeout(TIMEOUT).GET().build();
        try {
            return http.send(ask, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether node {@code node} (its index in the list) is in rotation. */
    public boolean inRotation(int node) {
        return inRotation.get(node) == 1;
    }

    /**
     * The node a balancer sends the next connection of a client last on {@code after} to: the first
     * one in rotation after it, in list order and round again ({@code after} itself last); -1 when
     * no node is in rotation.
     */
    public int next(int after) {
        int n = nodes.size();
        for (int step = 1; step <= n; step++) {
            int candidate = Math.floorMod(after + step, n);
            if (inRotation(candidate)) {
                return candidate;
            }
        }
        return -1;
    }

    @Override
    public void close() {
        checks.shutdownNow();
    }
}
