package io.qrpush.server.drain;

import io.qrpush.protocol.CloseCodes;
import io.qrpush.protocol.ServerFrame;
import io.qrpush.server.core.Node;
import io.qrpush.server.core.Session;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's shutdown drain (docs/protocol.md section 2): from {@link #start()} on, {@link #draining()}
 * is true, so {@code /healthz} answers 503 and new WebSocket upgrades are refused with 503, and the
 * node's clients are told {@code disconnect} 1001 with {@code reconnect:true} a batch at a time
 * over {@code server.drainWindow}, as {@link DrainPlan} spaces them. The listening socket stays
 * open meanwhile: a balancer's health check must get its 503, not a refused connection.
 *
 * <p>The schedule is kept by elapsed time: each batch tells everyone due by now, so a late batch
 * catches up, and the first batch at or after the window tells the rest. Telling is cheap (it
 * queues each kick on its connection's event loop), so what bounds the end is the timer: it needs
 * a thread no other periodic work can hold up, which the caller gives it.
 */
public final class Drain {
    private static final Logger LOG = LoggerFactory.getLogger(Drain.class);
    static final String REASON = "server shutting down";

    private final Node node;
    private final Duration window;
    private final ScheduledExecutorService timer;
    private final LongSupplier nanoTime;
    private final CompletableFuture<Void> allTold = new CompletableFuture<>();
    private volatile boolean draining;
    private List<Session> sessions;
    private DrainPlan plan;
    private ServerFrame.Disconnect frame;
    private long startNanos;
    private int told;
    private ScheduledFuture<?> batches;

    /**
     * @param timer runs the batches, and nothing else should run on it: a batch held up by other
     *              work is a drain that ends late. One thread is enough; each batch only queues the kicks.
     */
    public Drain(Node node, Duration window, ScheduledExecutorService timer, LongSupplier nanoTime) {
        this.node = node;
        this.window = window;
        this.timer = timer;
        this.nanoTime = nanoTime;
    }

    /** True from {@link #start()} on: the node takes no new clients. */
    public boolean draining() {
        return draining;
    }

    /**
     * Starts the drain, once; later calls return the same future. It completes when every client
     * has been told (not when they have all gone: the caller waits for that with its own bound).
     */
    public synchronized CompletableFuture<Void> start() {
        if (draining) {
            return allTold;
        }
        draining = true;
        sessions = node.sessions();
        plan = new DrainPlan(sessions.size(), window);
        frame = new ServerFrame.Disconnect(CloseCodes.SHUTTING_DOWN, REASON, true, plan.delay());
        startNanos = nanoTime.getAsLong();
        if (!sessions.isEmpty()) {
            LOG.info("draining {} connections over {} ms", sessions.size(), window.toMillis());
        }
        tellDue();
        if (!allTold.isDone()) {
            long every = DrainPlan.BATCH.toMillis();
            batches = timer.scheduleAtFixedRate(this::tellDueSafely, every, every, TimeUnit.MILLISECONDS);
        }
        return allTold;
    }

    private void tellDueSafely() {
        try {
            tellDue();
        } catch (RuntimeException e) {
            // A failed batch must not end the drain with clients untold: the rest go at once.
            LOG.warn("drain batch failed; telling the remaining clients at once", e);
            finish();
        }
    }

    private synchronized void tellDue() {
        int due = plan.dueBy(Duration.ofNanos(nanoTime.getAsLong() - startNanos));
        for (; told < due; told++) {
            sessions.get(told).kick(frame);
        }
        if (told == sessions.size()) {
            finish();
        }
    }

    /**
     * Tells the rest at once: those the batches have not reached (after a failed batch) and the
     * clients that connected while the drain began (upgraded just before the refusal took effect).
     */
    private synchronized void finish() {
        if (batches != null) {
            batches.cancel(false);
        }
        Set<Session> done = Collections.newSetFromMap(new IdentityHashMap<>());
        done.addAll(sessions.subList(0, told));
        int late = 0;
        for (Session s : node.sessions()) {
            if (!done.contains(s)) {
                s.kick(frame);
                late++;
            }
        }
        if (!sessions.isEmpty()) {
            // Beside the clients' own clocks, this tells whether the node kept its plan or the clients were slow to hear.
            LOG.info("drain told {} connections in {} ms (window {} ms; {} more at the end)", told + late,
                    (nanoTime.getAsLong() - startNanos) / 1_000_000, window.toMillis(), late);
        }
        allTold.complete(null);
    }
}
