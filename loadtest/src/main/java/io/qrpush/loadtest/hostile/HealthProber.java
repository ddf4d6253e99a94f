package io.qrpush.loadtest.hostile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Asks {@code GET /healthz} at a fixed interval from an address of its own, as a load balancer
 * would: a new connection each time ({@code Connection: close}), so a node that accepts no more
 * connections shows as failed probes. A probe not answered 200 within the timeout fails. Probes
 * overlap rather than wait for each other, so a slow answer does not thin out the probes.
 */
public final class HealthProber implements AutoCloseable {
    private final InetSocketAddress server;
    private final InetAddress source;
    private final Duration every;
    private final Duration timeout;
    private final long originNanos;
    private final List<Probe> probes = new ArrayList<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(daemon("healthz-tick"));
    // Bounded: each probe ends within its timeout, so at most timeout / every + 1 are in flight.
    private final ExecutorService probing;

    /** {@code originNanos}: the {@link System#nanoTime()} probe times are counted from. */
    public HealthProber(InetSocketAddress server, InetAddress source, Duration every, Duration timeout,
                        long originNanos) {
        this.server = server;
        this.source = source;
        this.every = every;
        this.timeout = timeout;
        this.originNanos = originNanos;
        this.probing = Executors.newFixedThreadPool((int) Math.min(64, timeout.toNanos() / every.toNanos() + 2),
                daemon("healthz-probe"));
    }

    public void start() {
        ticker.scheduleAtFixedRate(() -> probing.execute(this::probeOnce), 0, every.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void probeOnce() {
        long start = System.nanoTime();
        String cause = ask();
        Probe p = new Probe((start - originNanos) / 1e9, (System.nanoTime() - start) / 1000, cause == null, cause);
        synchronized (probes) {
            probes.add(p);
        }
    }

    /** One probe: null when it was answered 200 in time, else why not. */
    private String ask() {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(source, 0));
            s.connect(server, (int) timeout.toMillis());
            OutputStream out = s.getOutputStream();
            out.write(("GET /healthz HTTP/1.1\r\nHost: " + server.getHostString() + ":" + server.getPort()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder head = new StringBuilder();
            byte[] buf = new byte[4096];
            long total = 0;
            int n;
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return "timeout";
                }
                s.setSoTimeout((int) left);
                n = in.read(buf);
                if (n < 0 || (total += n) > (1 << 20)) {
                    break;
                }
                if (head.length() < 16) {
                    head.append(new String(buf, 0, Math.min(n, 16), StandardCharsets.ISO_8859_1));
                }
            }
            int status = AttackSocket.statusOf(head.toString());
            return status == 200 ? null : "status:" + status;
        } catch (SocketTimeoutException e) {
            return "timeout";
        } catch (ConnectException e) {
            return String.valueOf(e.getMessage()).contains("timed out") ? "timeout" : "refused";
        } catch (IOException e) {
            return String.valueOf(e.getMessage()).contains("reset") ? "reset" : "io:" + e.getClass().getSimpleName();
        }
    }

    /** The probes so far, in the order they ended. */
    public List<Probe> probes() {
        synchronized (probes) {
            return List.copyOf(probes);
        }
    }

    /** Stops probing and waits (bounded) for the probes in flight. */
    @Override
    public void close() throws InterruptedException {
        ticker.shutdownNow();
        probing.shutdown();
        probing.awaitTermination(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
