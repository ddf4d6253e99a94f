package io.qrpush.loadtest.scenario;

import io.qrpush.loadtest.metrics.MicroClock;
import io.qrpush.loadtest.net.Endpoint;
import io.qrpush.loadtest.net.WsConnection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.BiFunction;

/**
 * Opens many connections with a bounded number of set-ups in flight (a server's accept backlog is
 * finite, and a flood of handshakes measures the backlog, not the server). Each connection's
 * set-up time, from connect to its last set-up reply, goes to the {@code connect} latency.
 */
public final class Opener {
    private Opener() {
    }

    /**
     * Opens {@code count} connections and runs {@code setup(i, connection)} on each. Returns them
     * by index; a connection that failed is null and its cause is counted as an error.
     */
    public static List<WsConnection> openAll(Run run, int count,
                                             BiFunction<Integer, WsConnection, CompletableFuture<?>> setup)
            throws InterruptedException {
        return openAll(run, count, i -> run.loop().endpoint(), setup);
    }

    /** As {@link #openAll(Run, int, BiFunction)}, the i-th connection to {@code target(i)} (nodes of a cluster). */
    public static List<WsConnection> openAll(Run run, int count, java.util.function.IntFunction<Endpoint> target,
                                             BiFunction<Integer, WsConnection, CompletableFuture<?>> setup)
            throws InterruptedException {
        int limit = run.settings().concurrency();
        Semaphore inFlight = new Semaphore(limit);
        WsConnection[] out = new WsConnection[count];
        for (int i = 0; i < count; i++) {
            inFlight.acquire();
            int index = i;
            long start = MicroClock.now();
            open(run, target.apply(i), true, c -> setup.apply(index, c)).whenComplete((c, err) -> {
                if (err == null) {
                    out[index] = c;
                    run.metrics().latency("connect").record(MicroClock.now() - start);
                }
                inFlight.release();
            });
        }
        inFlight.acquire(limit);
        inFlight.release(limit);
        return new ArrayList<>(Arrays.asList(out));
    }

    /** Opens one connection and sets it up; failures are counted and close the connection. */
    public static CompletableFuture<WsConnection> open(Run run,
                                                      java.util.function.Function<WsConnection, CompletableFuture<?>> setup) {
        return open(run, true, setup);
    }

    /** As {@link #open(Run, java.util.function.Function)}; {@code countErrors} false leaves counting to the caller. */
    public static CompletableFuture<WsConnection> open(Run run, boolean countErrors,
                                                      java.util.function.Function<WsConnection, CompletableFuture<?>> setup) {
        return open(run, run.loop().endpoint(), countErrors, setup);
    }

    /** As {@link #open(Run, boolean, java.util.function.Function)}, to {@code target} (one node of several). */
    public static CompletableFuture<WsConnection> open(Run run, Endpoint target,
                                                      boolean countErrors,
                                                      java.util.function.Function<WsConnection, CompletableFuture<?>> setup) {
        CompletableFuture<WsConnection> result = new CompletableFuture<>();
        run.loop().connect(target).whenComplete((c, err) -> {
            if (err != null) {
                if (countErrors) {
                    run.metrics().error(io.qrpush.loadtest.net.ClientLoop.connectErrorKey(err));
                }
                result.completeExceptionally(err);
                return;
            }
            run.metrics().connectionOpened();
            c.closeFuture().thenRun(run.metrics()::connectionClosed);
            setup.apply(c).whenComplete((x, e) -> {
                if (e != null) {
                    if (countErrors) {
                        run.metrics().error(Requests.errorKey(e));
                    }
                    c.close();
                    result.completeExceptionally(e);
                } else {
                    result.complete(c);
                }
            });
        });
        return result;
    }

    /** Closes every open connection and waits (bounded) until all are gone. */
    public static void closeAll(List<WsConnection> connections) {
        List<CompletableFuture<Integer>> closing = new ArrayList<>();
        for (WsConnection c : connections) {
            if (c != null) {
                closing.add(c.close());
            }
        }
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
                    .get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            // Connections that did not close within 10 s are cut when the event loops stop.
        }
    }
}
