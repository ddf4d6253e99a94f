package io.qrpush.server.cluster;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sums answers from the other nodes to a question asked on the control channel (how many
 * subscribers, how many connections kicked). Redis tells how many nodes heard the question; the
 * sum completes when they all answered, or with what arrived after a timeout: a node that died
 * mid-question must not hang the caller.
 */
final class ScatterGather {
    static final long TIMEOUT_MILLIS = 1000;

    private static final class Pending {
        final CompletableFuture<Long> result = new CompletableFuture<>();
        final AtomicLong sum = new AtomicLong();
        volatile int awaited = Integer.MAX_VALUE;
        final AtomicLong answered = new AtomicLong();
    }

    private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();

    /** Opens a question; {@code local} is this node's own answer. */
    CompletableFuture<Long> open(String id, long local) {
        return open(id, local, TIMEOUT_MILLIS);
    }

    /** Opens a question whose answers may take up to {@code timeoutMillis}. */
    CompletableFuture<Long> open(String id, long local, long timeoutMillis) {
        Pending p = new Pending();
        p.sum.set(local);
        pending.put(id, p);
        return p.result.completeOnTimeout(-1L, timeoutMillis, TimeUnit.MILLISECONDS).thenApply(v -> {
            pending.remove(id);
            return p.sum.get();
        });
    }

    /** Redis said how many other nodes received the question. */
    void expect(String id, int otherNodes) {
        Pending p = pending.get(id);
        if (p != null) {
            p.awaited = otherNodes;
            completeIfDone(p);
        }
    }

    /** Another node answered. */
    void answer(String id, long value) {
        Pending p = pending.get(id);
        if (p != null) {
            p.sum.addAndGet(value);
            p.answered.incrementAndGet();
            completeIfDone(p);
        }
    }

    /** The question could not be asked at all. */
    void fail(String id, Throwable err) {
        Pending p = pending.remove(id);
        if (p != null) {
            p.result.completeExceptionally(err);
        }
    }

    private static void completeIfDone(Pending p) {
        if (p.answered.get() >= p.awaited) {
            p.result.complete(p.sum.get());
        }
    }
}
