package io.qrpush.sdk;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A client's three kinds of threads: the event thread that owns all state, the listener thread
 * that runs application code in order, and a pool that completes the futures handed to callers.
 * Keeping them apart means application code never runs on (or blocks) the event thread, and a
 * listener may wait on a future of the same client without deadlocking. All daemon threads.
 */
final class ClientThreads {
    final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(daemon("qrpush-client-loop"));
    final ExecutorService listenerThread = Executors.newSingleThreadExecutor(daemon("qrpush-client-listeners"));
    private final ExecutorService completions = Executors.newCachedThreadPool(daemon("qrpush-client-futures"));

    /** Runs an action on the event thread and relays its result to the caller on the futures pool. */
    <T> CompletableFuture<T> onLoop(Supplier<CompletableFuture<T>> action) {
        CompletableFuture<T> out = new CompletableFuture<>();
        try {
            loop.execute(() -> {
                CompletableFuture<T> inner;
                try {
                    inner = action.get();
                } catch (RuntimeException e) {
                    inner = CompletableFuture.failedFuture(e);
                }
                inner.whenComplete((v, err) -> relay(out, v, err));
            });
        } catch (RejectedExecutionException closed) {
            out.completeExceptionally(new QrPushException(0, QrPushException.CLOSED, "the client was closed"));
        }
        return out;
    }

    private <T> void relay(CompletableFuture<T> out, T value, Throwable err) {
        Runnable settle = () -> {
            if (err == null) {
                out.complete(value);
            } else {
                out.completeExceptionally(RetryPolicy.unwrap(err));
            }
        };
        try {
            completions.execute(settle);
        } catch (RejectedExecutionException closed) {
            settle.run();
        }
    }

    /** Runs {@code last} on the event thread (waiting up to 5 s), then stops every thread. */
    void shutdownAfter(Runnable last) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            loop.execute(() -> {
                last.run();
                done.complete(null);
            });
            done.get(5, TimeUnit.SECONDS);
        } catch (RejectedExecutionException alreadyClosed) {
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // stop the threads regardless
        }
        loop.shutdown();
        listenerThread.shutdown(); // queued listener calls (the last state change) still run
        completions.shutdown();
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
