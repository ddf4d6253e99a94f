package io.qrpush.server.it;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Asks {@code /healthz} from another address (127.0.0.2), on a fresh connection each time, every
 * {@code 100 ms} while an attack runs, and keeps the slowest answer and any failure.
 */
final class HealthProbe implements AutoCloseable {
    static final String OTHER_ADDRESS = "127.0.0.2";
    private static final long PERIOD_NANOS = Duration.ofMillis(100).toNanos();

    private final int port;
    private final Thread thread;
    private final AtomicLong slowestNanos = new AtomicLong();
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicReference<String> failure = new AtomicReference<>();
    private volatile boolean running = true;

    private HealthProbe(int port) {
        this.port = port;
        this.thread = new Thread(this::run, "health-probe");
        thread.setDaemon(true);
    }

    static HealthProbe start(int port) {
        HealthProbe p = new HealthProbe(port);
        p.thread.start();
        return p;
    }

    private void run() {
        while (running) {
            long start = System.nanoTime();
            try (RawHttp s = RawHttp.connect(port, OTHER_ADDRESS)) {
                RawHttp.Response r = s.send(RawHttp.get("/healthz", "Connection: close\r\n")).read(Duration.ofSeconds(5));
                if (r.status() != 200) {
                    failure.compareAndSet(null, "status " + r.status());
                }
                answered.incrementAndGet();
            } catch (Exception e) {
                failure.compareAndSet(null, e.toString());
            }
            long took = System.nanoTime() - start;
            slowestNanos.accumulateAndGet(took, Math::max);
            LockSupport.parkNanos(Math.max(0, PERIOD_NANOS - took));
        }
    }

    Duration slowest() {
        return Duration.ofNanos(slowestNanos.get());
    }

    int answered() {
        return answered.get();
    }

    /** The first failure seen, or null. */
    String failure() {
        return failure.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
