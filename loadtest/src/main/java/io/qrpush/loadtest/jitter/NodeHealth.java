package io.qrpush.loadtest.jitter;

import io.qrpush.loadtest.net.Endpoint;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a load balancer in front of the nodes knows of them: it asks each node's
 * {@code GET /healthz} every {@code every}. A node that answers anything but 200 leaves the
 * rotation at once: a draining node answers 503 (docs/protocol.md section 2), so a client that
 * reconnects through the balancer never reaches it after the next check. A check with no answer
 * within {@link #TIMEOUT} (or no connection) takes a node out only after {@link #FALL} in a row,
 * as an AWS load balancer's defaults (5 s, 2 in a row): a busy node is not a dead one. One 200 puts a node back. Each node
 * has its own thread, so a slow node delays only its own checks.
 */
public final class NodeHealth implements AutoCloseable {
    /** How long a check may take before it counts as failed. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** Checks without an answer, in a row, that take a node out of rotation. */
    static final int FALL = 2;

    private final List<Endpoint> nodes;
    private final Duration every;
    /** Per node: 1 in rotation, 0 out. */
    private final AtomicIntegerArray inRotation;
    /** Per node: checks without an answer since its last answer (only its own check thread writes it). */
    private final int[] unanswered;
    /** Checks by node and outcome ({@code <node> <status>}, or {@code <node> none}): what the rotation was made of. */
    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final HttpClient http;
    private final ScheduledExecutorService checks;

    public NodeHealth(List<Endpoint> nodes, Duration every) {
        this.nodes = List.copyOf(nodes);
        this.every = every;
        this.inRotation = new AtomicIntegerArray(nodes.size());
        this.unanswered = new int[nodes.size()];
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
        int status = status(nodes.get(node));
        outcomes.computeIfAbsent(nodes.get(node).http().getAuthority() + " " + (status < 0 ? "none" : status),
                k -> new LongAdder()).increment();
        unanswered[node] = status < 0 ? unanswered[node] + 1 : 0;
        if (status == 200) {
            inRotation.set(node, 1);
        } else if (status > 0 || unanswered[node] >= FALL) {
            inRotation.set(node, 0);
        }
    }

    /** The status {@code /healthz} answered, or -1 when none came within the timeout. */
    private int status(Endpoint node) {
        HttpRequest ask = HttpRequest.newBuilder(node.path("/healthz")).timeout(TIMEOUT).GET().build();
        try {
            return http.send(ask, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
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

    /** The checks so far, e.g. {@code "health checks: 127.0.0.1:8092 200 x118, 127.0.0.1:8093 503 x40"}. */
    public String summary() {
        StringBuilder out = new StringBuilder("health checks:");
        new TreeMap<>(outcomes).forEach((k, n) -> out.append(out.length() > 14 ? ", " : " ").append(k).append(" x")
                .append(n.sum()));
        return out.toString();
    }

    @Override
    public void close() {
        checks.shutdownNow();
    }
}
